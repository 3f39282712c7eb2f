-- Per agent and queue: contacts handled, average handle time (talk + hold + after-contact work)
-- and its after-contact-work part, in seconds.
SELECT
    agent_username AS agent,
    queue_name AS queue,
    count(*) AS handled,
    round(avg(agent_interaction_seconds + customer_hold_seconds + after_contact_work_seconds), 1) AS aht_seconds,
    round(avg(after_contact_work_seconds), 1) AS acw_seconds
FROM contact_records
WHERE dt BETWEEN :from_day AND :to_day
    AND initiation_timestamp >= CAST(:start AS timestamp)
    AND initiation_timestamp < CAST(:end AS timestamp)
    AND connected_to_agent_timestamp IS NOT NULL
    AND (:queue IS NULL OR queue_name = :queue)
GROUP BY 1, 2
ORDER BY 1, 2
