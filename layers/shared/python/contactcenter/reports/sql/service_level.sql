-- Per queue: contacts offered (enqueued), answered, answered within the threshold, abandoned,
-- the service level and abandonment as shares of offered, and the average speed of answer.
SELECT
    queue_name AS queue,
    count(*) AS offered,
    count(connected_to_agent_timestamp) AS answered,
    count_if(coalesce(date_diff('second', enqueue_timestamp, connected_to_agent_timestamp) <= :threshold, false)) AS answered_in_time,
    count(*) - count(connected_to_agent_timestamp) AS abandoned,
    round(100.0 * count_if(coalesce(date_diff('second', enqueue_timestamp, connected_to_agent_timestamp) <= :threshold, false))
        / count(*), 1) AS service_level_pct,
    round(100.0 * (count(*) - count(connected_to_agent_timestamp)) / count(*), 1) AS abandoned_pct,
    round(avg(date_diff('second', enqueue_timestamp, connected_to_agent_timestamp)), 1) AS asa_seconds
FROM contact_records
WHERE dt BETWEEN :from_day AND :to_day
    AND initiation_timestamp >= CAST(:start AS timestamp)
    AND initiation_timestamp < CAST(:end AS timestamp)
    AND enqueue_timestamp IS NOT NULL
    AND (:channel IS NULL OR channel = :channel)
GROUP BY 1
ORDER BY 1
