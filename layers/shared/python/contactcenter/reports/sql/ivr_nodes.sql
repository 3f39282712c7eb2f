-- Per flow and block: how many contacts reached it, left it by a branch, and were dropped in it.
-- No flow-log entry says a contact was dropped: a contact was dropped in its last logged block
-- when its contact record shows it ended without reaching a queue. (Connect writes the record
-- when the contact ends: a contact still in the flow has none, and its last block so far is not
-- counted as dropped.)
WITH blocks AS (
    SELECT
        contact_id,
        flow_name,
        block_id,
        block_type,
        row_number() OVER (PARTITION BY contact_id ORDER BY entered_at DESC, block_id DESC) AS from_end
    FROM flow_node_events
    WHERE dt BETWEEN :from_day AND :to_day
        AND entered_at >= CAST(:start AS timestamp)
        AND entered_at < CAST(:end AS timestamp)
),
ended_in_flow AS (
    SELECT DISTINCT contact_id
    FROM contact_records
    WHERE dt BETWEEN :from_day AND :to_day
        AND queue_name IS NULL
),
marked AS (
    SELECT
        b.flow_name,
        b.block_id,
        b.block_type,
        coalesce(b.from_end = 1 AND e.contact_id IS NOT NULL, false) AS dropped
    FROM blocks b
    LEFT JOIN ended_in_flow e ON e.contact_id = b.contact_id
    WHERE (:flow IS NULL OR b.flow_name = :flow)
)
SELECT
    flow_name AS flow,
    block_id AS block,
    max(block_type) AS block_type,
    count(*) AS reached,
    count_if(NOT dropped) AS left_by_branch,
    count_if(dropped) AS dropped,
    round(100.0 * count_if(dropped) / count(*), 1) AS dropped_pct
FROM marked
GROUP BY 1, 2
ORDER BY 1, 4 DESC, 2
