-- Tickets whose customer gave a satisfaction score (CSAT, 1-5) in the period, per score, with
-- each score's share; a ticket counts once, with the last score it was given.
WITH scored AS (
    SELECT ticket_id, max_by(csat, occurred_at) AS csat
    FROM ticket_events
    WHERE dt BETWEEN :from_day AND :to_day
        AND occurred_at >= CAST(:start AS timestamp)
        AND occurred_at < CAST(:end AS timestamp)
        AND csat IS NOT NULL
        AND (:ticket_type IS NULL OR ticket_type = :ticket_type)
    GROUP BY 1
)
SELECT
    csat AS score,
    count(*) AS tickets,
    round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share_pct
FROM scored
GROUP BY 1
ORDER BY 1
