-- Per interval: tickets created and tickets resolved (a status change to resolved).
SELECT
    date_trunc(:interval, occurred_at) AS period,
    count_if(kind = 'created') AS created,
    count_if(kind = 'status_changed' AND status = 'resolved') AS resolved
FROM ticket_events
WHERE dt BETWEEN :from_day AND :to_day
    AND occurred_at >= CAST(:start AS timestamp)
    AND occurred_at < CAST(:end AS timestamp)
    AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
GROUP BY 1
ORDER BY 1
