-- name: AppendMessages
-- One row per (message, subscriber), all in one statement; a message id seen before is ignored.
insert into rt_stream_message (partition, namespace, stream_key, subscriber, message_id, payload)
select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
on conflict (subscriber, namespace, message_id) do nothing
returning namespace, message_id;

-- name: FetchPending
-- Pending messages of a partition in id order, leaving out every key whose head is waiting out a
-- retry backoff: its later messages must wait behind it, but other keys go on.
select m.id, m.namespace, m.stream_key, m.subscriber, m.message_id, m.payload::text, m.appended_at, m.attempts
from rt_stream_message m
where m.partition = $1 and m.state = 'pending'
  and not exists (
      select 1 from rt_stream_message b
      where b.partition = $1 and b.state = 'pending' and b.next_attempt_at > now()
        and b.subscriber = m.subscriber and b.namespace = m.namespace and b.stream_key = m.stream_key)
order by m.id
limit $2;

-- name: MarkProcessedBatch
update rt_stream_message set state = 'processed', finished_at = now(), attempts = attempts + 1, last_error = null
where id = any($1) and state = 'pending';

-- name: MarkFailed
-- Retry later with backoff, or give up: the message becomes a dead letter and the key moves on.
update rt_stream_message
set attempts = attempts + 1,
    last_error = $2,
    state = case when attempts + 1 >= $3 then 'dead' else 'pending' end,
    finished_at = case when attempts + 1 >= $3 then now() end,
    next_attempt_at = case when attempts + 1 >= $3 then null else now() + $4 end
where id = $1 and state = 'pending'
returning state;

-- name: ListDeadLetters
select id, namespace, stream_key, subscriber, message_id, payload::text, appended_at, attempts, last_error, finished_at
from rt_stream_message
where state = 'dead' and ($1::text is null or namespace = $1) and ($2::text is null or stream_key = $2)
  and ($3::bigint is null or id > $3)
order by id
limit $4;

-- name: GetDeadLetter
select id, namespace, stream_key, subscriber, message_id, payload::text, appended_at, attempts, last_error, finished_at
from rt_stream_message where id = $1 and state = 'dead';

-- name: ReplayDeadLetters
update rt_stream_message
set state = 'pending', attempts = 0, next_attempt_at = null, finished_at = null
where state = 'dead' and ($1::bigint is null or id = $1) and ($2::text is null or namespace = $2)
returning partition;

-- name: DiscardDeadLetter
update rt_stream_message set state = 'discarded', finished_at = now() where id = $1 and state = 'dead';

-- name: DeleteFinished
-- Oldest first by id: finished rows past retention sit at the low end, so this stops early.
delete from rt_stream_message
where id in (
    select id from rt_stream_message
    where state in ('processed', 'discarded') and finished_at < now() - $1
    order by id
    limit $2);

-- name: StreamStats
select partition, count(*) filter (where state = 'pending') as pending,
       extract(epoch from now() - min(appended_at) filter (where state = 'pending')) as lag_seconds,
       count(*) filter (where state = 'dead') as dead
from rt_stream_message
where state in ('pending', 'dead')
group by partition;

-- name: CountDeadLetters
select count(*) from rt_stream_message where state = 'dead';

-- name: ProcessedSince
select partition, count(*) from rt_stream_message
where state = 'processed' and finished_at > now() - $1
group by partition;
