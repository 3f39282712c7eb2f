-- The tickets created in the period, one row each, as they stood at the period's end (the
-- period's events only), oldest first: a page at a time (:page_size rows after the key
-- :after_created_at, :after_ticket_id), or every row when :page_size is null.
WITH tickets AS (
    SELECT
        ticket_id,
        date_trunc('second', min(CASE WHEN kind = 'created' THEN occurred_at END)) AS created_at,
        max_by(ticket_type, occurred_at) AS ticket_type,
        max_by(category, occurred_at) AS category,
        max_by(product, occurred_at) AS product,
        max_by(channel, occurred_at) AS channel,
        max_by(priority, occurred_at) AS priority,
        max_by(department, occurred_at) AS department,
        max_by(status, occurred_at) AS status,
        date_trunc('second', min(CASE WHEN kind = 'assigned' AND department IS NOT NULL THEN occurred_at END))
            AS dispatched_at,
        date_trunc('second', min(CASE WHEN kind = 'status_changed' AND status = 'resolved' THEN occurred_at END))
            AS resolved_at,
        coalesce(count_if(sla_state = 'breached') > 0, false) AS sla_breached,
        max_by(csat, occurred_at) AS csat
    FROM ticket_events
    WHERE dt BETWEEN :from_day AND :to_day
        AND occurred_at >= CAST(:start AS timestamp)
        AND occurred_at < CAST(:end AS timestamp)
    GROUP BY 1
),
chosen AS (
    SELECT *, row_number() OVER (ORDER BY created_at, ticket_id) AS n
    FROM tickets
    WHERE created_at IS NOT NULL
        AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
        AND (:department IS NULL OR department = :department)
        AND (:status IS NULL OR status = :status)
        AND (
            :after_ticket_id IS NULL
            OR created_at > CAST(:after_created_at AS timestamp)
            OR (created_at = CAST(:after_created_at AS timestamp) AND ticket_id > :after_ticket_id)
        )
)
SELECT
    ticket_id, created_at, ticket_type, category, product, channel, priority, department, status,
    dispatched_at, resolved_at,
    round(date_diff('second', created_at, resolved_at) / 3600.0, 2) AS hours_to_resolve,
    sla_breached, csat
FROM chosen
WHERE :page_size IS NULL OR n <= :page_size
ORDER BY created_at, ticket_id
