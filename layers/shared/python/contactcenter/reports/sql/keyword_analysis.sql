-- A saved keyword analysis: per keyword (and per value of the analysis' dimension, when it has
-- one), the tickets created in the period whose category, product, department or tags contain
-- one of the keyword's terms (case-blind), their share of all tickets created in the period,
-- how many were never dispatched to a department within the period, and how many were
-- dispatched later than the analysis allows (:late_hours after their creation). A keyword
-- that matches nothing is a row of zeros. :keywords is "label=term|term;label=term".
WITH tickets AS (
    SELECT
        ticket_id,
        min(CASE WHEN kind = 'created' THEN occurred_at END) AS created,
        min(CASE WHEN kind = 'assigned' AND department IS NOT NULL THEN occurred_at END) AS dispatched,
        max_by(ticket_type, occurred_at) AS ticket_type,
        max_by(category, occurred_at) AS category,
        max_by(product, occurred_at) AS product,
        max_by(channel, occurred_at) AS channel,
        max_by(department, occurred_at) AS department,
        max_by(tags, occurred_at) AS tags
    FROM ticket_events
    WHERE dt BETWEEN :from_day AND :to_day
        AND occurred_at >= CAST(:start AS timestamp)
        AND occurred_at < CAST(:end AS timestamp)
    GROUP BY 1
),
chosen AS (
    SELECT
        *,
        lower(concat_ws('|', category, product, department, array_join(tags, '|'))) AS labels,
        CASE
            WHEN :dimension IS NULL THEN '(all)'
            ELSE coalesce(
                CASE :dimension
                    WHEN 'type' THEN ticket_type
                    WHEN 'category' THEN category
                    WHEN 'product' THEN product
                    WHEN 'channel' THEN channel
                    WHEN 'department' THEN department
                END,
                '(none)'
            )
        END AS value
    FROM tickets
    WHERE created IS NOT NULL
        AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
),
entries AS (
    SELECT entry, ordinality AS position
    FROM UNNEST(split(:keywords, ';')) WITH ORDINALITY AS k(entry, ordinality)
),
terms AS (
    SELECT split_part(e.entry, '=', 1) AS keyword, e.position, t.term
    FROM entries AS e
    CROSS JOIN UNNEST(split(split_part(e.entry, '=', 2), '|')) AS t(term)
),
matched AS (
    SELECT DISTINCT t.keyword, t.position, c.ticket_id, c.value, c.created, c.dispatched
    FROM terms AS t
    JOIN chosen AS c ON strpos(c.labels, t.term) > 0
),
keywords AS (
    SELECT DISTINCT keyword, position FROM terms
)
SELECT
    k.keyword,
    coalesce(m.value, '(all)') AS value,
    count(m.ticket_id) AS tickets,
    coalesce(round(100.0 * count(m.ticket_id) / nullif((SELECT count(*) FROM chosen), 0), 1), 0) AS share_pct,
    count_if(m.ticket_id IS NOT NULL AND m.dispatched IS NULL) AS never_dispatched,
    count_if(coalesce(date_diff('second', m.created, m.dispatched) > :late_hours * 3600, false)) AS dispatched_late
FROM keywords AS k
LEFT JOIN matched AS m ON m.keyword = k.keyword AND m.position = k.position
GROUP BY k.position, 1, 2
ORDER BY k.position, 3 DESC, 2
