-- Tickets created in the period, by one dimension (type, category, product, channel or
-- department), with each value's share of the total.
SELECT
    coalesce(
        CASE :dimension
            WHEN 'type' THEN ticket_type
            WHEN 'category' THEN category
            WHEN 'product' THEN product
            WHEN 'channel' THEN channel
            WHEN 'department' THEN department
        END,
        '(none)'
    ) AS value,
    count(*) AS tickets,
    round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share_pct
FROM ticket_events
WHERE dt BETWEEN :from_day AND :to_day
    AND occurred_at >= CAST(:start AS timestamp)
    AND occurred_at < CAST(:end AS timestamp)
    AND kind = 'created'
    AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
GROUP BY 1
ORDER BY 2 DESC, 1
