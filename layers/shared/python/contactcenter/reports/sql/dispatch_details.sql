-- The dispatches of the period, one row per ticket and department (its first assignment to
-- the department in the period), with the ticket's first resolution after it (any later day),
-- oldest first: a page at a time (:page_size rows after the key :after_dispatched_at,
-- :after_ticket_id, :after_department), or every row when :page_size is null.
WITH dispatched AS (
    SELECT
        ticket_id,
        department,
        date_trunc('second', min(occurred_at)) AS dispatched_at,
        min_by(ticket_type, occurred_at) AS ticket_type,
        min_by(category, occurred_at) AS category,
        min_by(priority, occurred_at) AS priority
    FROM ticket_events
    WHERE dt BETWEEN :from_day AND :to_day
        AND occurred_at >= CAST(:start AS timestamp)
        AND occurred_at < CAST(:end AS timestamp)
        AND kind = 'assigned'
        AND department IS NOT NULL
    GROUP BY 1, 2
),
resolutions AS (
    SELECT ticket_id, date_trunc('second', occurred_at) AS resolved_at
    FROM ticket_events
    WHERE dt >= :from_day AND kind = 'status_changed' AND status = 'resolved'
),
chosen AS (
    SELECT
        d.*,
        min(r.resolved_at) AS resolved_at,
        row_number() OVER (ORDER BY d.dispatched_at, d.ticket_id, d.department) AS n
    FROM dispatched AS d
    LEFT JOIN resolutions AS r ON r.ticket_id = d.ticket_id AND r.resolved_at >= d.dispatched_at
    WHERE (:department IS NULL OR d.department = :department)
        AND (:ticket_type IS NULL OR d.ticket_type = :ticket_type)
        AND (
            :after_ticket_id IS NULL
            OR d.dispatched_at > CAST(:after_dispatched_at AS timestamp)
            OR (
                d.dispatched_at = CAST(:after_dispatched_at AS timestamp)
                AND (d.ticket_id > :after_ticket_id
                    OR (d.ticket_id = :after_ticket_id AND d.department > :after_department))
            )
        )
    GROUP BY d.ticket_id, d.department, d.dispatched_at, d.ticket_type, d.category, d.priority
)
SELECT
    ticket_id, department, dispatched_at, ticket_type, category, priority, resolved_at,
    round(date_diff('second', dispatched_at, resolved_at) / 3600.0, 2) AS hours_to_resolve
FROM chosen
WHERE :page_size IS NULL OR n <= :page_size
ORDER BY dispatched_at, ticket_id, department
