-- Per department: tickets dispatched to it in the period (an assignment that names the
-- department), how many of those it resolved, and the average hours from dispatch to resolution.
WITH dispatched AS (
    SELECT ticket_id, department, min(occurred_at) AS dispatched_at
    FROM ticket_events
    WHERE dt BETWEEN :from_day AND :to_day
        AND occurred_at >= CAST(:start AS timestamp)
        AND occurred_at < CAST(:end AS timestamp)
        AND kind = 'assigned'
        AND department IS NOT NULL
    GROUP BY 1, 2
),
resolved AS (
    SELECT ticket_id, min(occurred_at) AS resolved_at
    FROM ticket_events
    WHERE dt >= :from_day AND kind = 'status_changed' AND status = 'resolved'
    GROUP BY 1
)
SELECT
    d.department,
    count(*) AS dispatched,
    count(r.resolved_at) AS resolved,
    round(avg(date_diff('second', d.dispatched_at, r.resolved_at)) / 3600.0, 2) AS hours_to_resolve
FROM dispatched AS d
LEFT JOIN resolved AS r ON r.ticket_id = d.ticket_id AND r.resolved_at >= d.dispatched_at
GROUP BY 1
ORDER BY 2 DESC, 1
