-- Per priority and department, over tickets resolved in the period: how many were resolved,
-- how many had breached their SLA by then, and the share resolved within it.
SELECT
    priority,
    coalesce(department, '(none)') AS department,
    count(*) AS resolved,
    count_if(coalesce(sla_state, '') = 'breached') AS breached,
    round(100.0 * count_if(coalesce(sla_state, '') <> 'breached') / count(*), 1) AS attainment_pct
FROM ticket_events
WHERE dt BETWEEN :from_day AND :to_day
    AND occurred_at >= CAST(:start AS timestamp)
    AND occurred_at < CAST(:end AS timestamp)
    AND kind = 'status_changed' AND status = 'resolved'
    AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
GROUP BY 1, 2
ORDER BY 1, 2
