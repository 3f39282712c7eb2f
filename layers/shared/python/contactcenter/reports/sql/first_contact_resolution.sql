-- Per channel, over tickets resolved in the period: how many, and how many on first contact
-- (never dispatched to a department and never reopened), with that share.
SELECT
    channel,
    count(*) AS resolved,
    count_if(department IS NULL AND coalesce(reopen_count, 0) = 0) AS first_contact,
    round(100.0 * count_if(department IS NULL AND coalesce(reopen_count, 0) = 0) / count(*), 1) AS fcr_pct
FROM ticket_events
WHERE dt BETWEEN :from_day AND :to_day
    AND occurred_at >= CAST(:start AS timestamp)
    AND occurred_at < CAST(:end AS timestamp)
    AND kind = 'status_changed' AND status = 'resolved'
    AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
GROUP BY 1
ORDER BY 1
