-- Per flow and block: how many contacts reached it, left it by a branch, and hung up in it.
SELECT
    flow_name AS flow,
    block_id AS block,
    max(block_type) AS block_type,
    count(*) AS reached,
    count_if(outcome = 'next') AS left_by_branch,
    count_if(outcome = 'disconnected') AS dropped,
    round(100.0 * count_if(outcome = 'disconnected') / count(*), 1) AS dropped_pct
FROM flow_node_events
WHERE dt BETWEEN :from_day AND :to_day
    AND entered_at >= CAST(:start AS timestamp)
    AND entered_at < CAST(:end AS timestamp)
    AND (:flow IS NULL OR flow_name = :flow)
GROUP BY 1, 2
ORDER BY 1, 4 DESC, 2
