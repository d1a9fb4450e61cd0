-- name: Insert
insert into gateway_sns_confirmation (source, message_type, message_id, topic_arn, subscribe_url)
values ($1, $2, $3, $4, $5)
on conflict (source, message_id) do nothing;

-- name: List
select id, source, message_type, message_id, topic_arn, subscribe_url, received_at
from gateway_sns_confirmation
where ($1::text is null or source = $1) and ($2::bigint is null or id > $2)
order by id
limit $3;
