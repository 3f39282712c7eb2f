-- Per knowledge article, over the chat bot's turns in the period: the answers it gave with
-- the article, the thumbs the customers gave it (up, down, and the share up), and the
-- hand-overs to a person right after it (asked whether it helped, the customer wanted a
-- person instead). Hand-overs after no article at all are the row "(none)".
SELECT
    coalesce(article_id, '(none)') AS article,
    coalesce(max(article_title), '') AS title,
    count_if(outcome = 'answered') AS answers,
    count_if(outcome = 'feedback' AND helpful) AS helpful,
    count_if(outcome = 'feedback' AND NOT helpful) AS unhelpful,
    round(
        100.0 * count_if(outcome = 'feedback' AND helpful) / nullif(count_if(outcome = 'feedback'), 0), 1
    ) AS helpful_pct,
    count_if(outcome = 'handover') AS handovers
FROM bot_turns
WHERE dt BETWEEN :from_day AND :to_day
    AND occurred_at >= CAST(:start AS timestamp)
    AND occurred_at < CAST(:end AS timestamp)
    AND outcome IN ('answered', 'feedback', 'handover')
    AND (:language IS NULL OR language = :language)
GROUP BY 1
ORDER BY 3 DESC, 7 DESC, 1
