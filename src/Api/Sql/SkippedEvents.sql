-- name: Insert
insert into gateway_skipped_event (source, message_id, event_type, reason, payload)
values ($1, $2, $3, $4, $5::jsonb)
on conflict (source, message_id) do nothing;

-- name: List
select id, source, message_id, event_type, reason, payload::text, received_at
from gateway_skipped_event
where ($1::text is null or source = $1) and ($2::bigint is null or id > $2)
order by id
limit $3;

-- name: DeleteOlderThan
delete from gateway_skipped_event
where id in (select id from gateway_skipped_event where received_at < now() - $1::interval limit $2);
