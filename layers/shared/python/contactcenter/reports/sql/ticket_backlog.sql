-- The backlog at the period's end: tickets created before it whose last event before it left
-- them neither resolved nor closed, by their age then. A ticket's whole history counts, so
-- this reads every day's partition up to the end (not only the period's).
WITH state AS (
    SELECT
        ticket_id,
        min(occurred_at) AS created,
        max_by(status, occurred_at) AS status,
        max_by(ticket_type, occurred_at) AS ticket_type,
        max_by(department, occurred_at) AS department
    FROM ticket_events
    WHERE dt <= :to_day
        AND occurred_at < CAST(:end AS timestamp)
    GROUP BY 1
),
open_tickets AS (
    SELECT date_diff('minute', created, CAST(:end AS timestamp)) / 60.0 AS age_hours
    FROM state
    WHERE status NOT IN ('resolved', 'closed')
        AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
        AND (:department IS NULL OR department = :department)  -- where the ticket is at the end
)
SELECT
    CASE
        WHEN age_hours < 24 THEN '< 1 day'
        WHEN age_hours < 72 THEN '1-3 days'
        WHEN age_hours < 168 THEN '3-7 days'
        WHEN age_hours < 720 THEN '7-30 days'
        ELSE '30+ days'
    END AS age,
    count(*) AS tickets,
    round(max(age_hours), 1) AS oldest_hours
FROM open_tickets
GROUP BY 1
ORDER BY min(age_hours)
