-- Contacts that started in the period, per interval and channel.
SELECT
    date_trunc(:interval, initiation_timestamp) AS period,
    count_if(channel = 'VOICE') AS voice,
    count_if(channel = 'CHAT') AS chat,
    count_if(channel = 'TASK') AS task,
    count_if(channel = 'EMAIL') AS email,
    count(*) AS contacts
FROM contact_records
WHERE dt BETWEEN :from_day AND :to_day
    AND initiation_timestamp >= CAST(:start AS timestamp)
    AND initiation_timestamp < CAST(:end AS timestamp)
    AND (:queue IS NULL OR queue_name = :queue)
GROUP BY 1
ORDER BY 1
