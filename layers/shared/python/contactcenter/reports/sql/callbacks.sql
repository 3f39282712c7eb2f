-- Per queue, over the callback events of the period: callbacks requested, attempts made and
-- their outcomes (a person reached, or not: no answer, busy, voicemail), and callbacks that
-- ended: completed, exhausted (every attempt used without reaching anyone) and otherwise
-- (cancelled, on the do-not-call list, a wrong number, failed); the connect rate is the
-- share of attempts that reached a person.
SELECT
    queue,
    count_if(kind = 'requested') AS requested,
    count_if(kind = 'attempted') AS attempts,
    count_if(kind = 'attempted' AND outcome = 'connected') AS connected,
    count_if(kind = 'attempted' AND outcome IN ('no_answer', 'busy', 'voicemail')) AS not_reached,
    count_if(kind = 'status_changed' AND status = 'completed') AS completed,
    count_if(kind = 'status_changed' AND status = 'exhausted') AS exhausted,
    count_if(kind = 'status_changed' AND status IN ('cancelled', 'do_not_call', 'wrong_number', 'failed'))
        AS ended_otherwise,
    round(
        100.0 * count_if(kind = 'attempted' AND outcome = 'connected')
        / nullif(count_if(kind = 'attempted'), 0),
        1
    ) AS connect_rate_pct
FROM callback_events
WHERE dt BETWEEN :from_day AND :to_day
    AND occurred_at >= CAST(:start AS timestamp)
    AND occurred_at < CAST(:end AS timestamp)
    AND (:callback_kind IS NULL OR callback_kind = :callback_kind)
GROUP BY 1
ORDER BY 2 DESC, 1
