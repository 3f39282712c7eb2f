-- Per channel, over contacts that started in the period: how many the IVR or the bot served on
-- their own (self-service, by design), how many reached a queue, how many ended in the flow
-- otherwise (hung up, or a flow error), and the contained share.
SELECT
    channel,
    count(*) AS contacts,
    count_if(coalesce(self_service, false)) AS contained,
    count_if(queue_name IS NOT NULL) AS to_queue,
    count_if(queue_name IS NULL AND NOT coalesce(self_service, false)) AS ended_in_flow,
    round(100.0 * count_if(coalesce(self_service, false)) / count(*), 1) AS containment_pct
FROM contact_records
WHERE dt BETWEEN :from_day AND :to_day
    AND initiation_timestamp >= CAST(:start AS timestamp)
    AND initiation_timestamp < CAST(:end AS timestamp)
GROUP BY 1
ORDER BY 1
