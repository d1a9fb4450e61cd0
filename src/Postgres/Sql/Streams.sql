-- name: Append
-- One statement however many messages; a message id seen before in its namespace is skipped.
insert into stream_message (queue, namespace, stream_key, message_id, payload)
select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
on conflict (namespace, message_id) where replay_of is null do nothing
returning namespace, message_id;

-- name: ReadCheckpoint
select tx::text, id from stream_queue_checkpoint where queue = $1;

-- name: ReadQueue
-- The queue's next messages after the position, in (tx, id) order, only from transactions older
-- than every one still running (see stream_message). Also the database's clock, for redelivery
-- detection. The order names the table's columns: a bare "tx" would be the text output column
-- (tx::text is named tx), which sorted transaction 1044 before 730 and reordered a key's messages.
select id, tx::text, namespace, stream_key, message_id, payload::text, appended_at, consumer, queue
from stream_message
where queue = $1 and (tx, id) > ($2::text::xid8, $3)
  and tx < pg_snapshot_xmin(pg_current_snapshot())
order by stream_message.tx, stream_message.id
limit $4;

-- name: Now
select now();

-- name: SaveCheckpoint
insert into stream_queue_checkpoint (queue, tx, id) values ($1, $2::text::xid8, $3)
on conflict (queue) do update set tx = excluded.tx, id = excluded.id, updated_at = now()
where (stream_queue_checkpoint.tx, stream_queue_checkpoint.id) < (excluded.tx, excluded.id);

-- name: Consume
-- Messages handled without a unit of work, of any consumers (ConsumptionRecorder); a record already there is kept.
insert into stream_consumed (message, consumer)
select * from unnest($1::bigint[], $2::text[])
on conflict do nothing;

-- name: EarlierUnconsumed
-- Messages of one stream before a position that a consumer has not handled: what a fresh
-- activation handles first, to keep the key's order when Orleans' agent handed it a later message
-- first (its previous activation died mid-delivery and the agent re-subscribed it).
select m.id, m.tx::text, m.namespace, m.stream_key, m.message_id, m.payload::text, m.appended_at, m.consumer, m.queue
from stream_message m
where m.namespace = $1 and m.stream_key = $2
  and (m.tx, m.id) < ($3::text::xid8, $4)
  and (m.consumer is null or m.consumer = $5 or m.consumer = '*')
  and not exists (select 1 from stream_consumed s where s.message = m.id and s.consumer = $5)
order by m.tx, m.id
limit $6;

-- name: LaterUnconsumed
-- A stream's messages after a position that a consumer has not handled, in the order its queue's
-- reader delivers them, and only what that reader may deliver: rows of transactions older than
-- every one still running (see ReadQueue). What a batch subscriber that is behind takes at once.
select m.id, m.tx::text, m.namespace, m.stream_key, m.message_id, m.payload::text, m.appended_at, m.consumer, m.queue
from stream_message m
where m.namespace = $1 and m.stream_key = $2
  and (m.tx, m.id) > ($3::text::xid8, $4)
  and m.tx < pg_snapshot_xmin(pg_current_snapshot())
  and (m.consumer is null or m.consumer = $5 or m.consumer = '*')
  and not exists (select 1 from stream_consumed s where s.message = m.id and s.consumer = $5)
order by m.tx, m.id
limit $6;

-- name: ConsumeOnce
-- A unit of work's record of the messages it handles. No "on conflict": a message consumed
-- already is a unique violation of stream_consumed_pkey, which fails the batch before its COMMIT.
insert into stream_consumed (message, consumer)
select unnest($1::bigint[]), $2;

-- name: Consumed
select message from stream_consumed where message = any($1) and consumer = $2;

-- name: DeadLetter
-- The message becomes a dead letter and counts as consumed, in one transaction: the key moves on.
with dead as (
    insert into stream_dead_letter (message, namespace, stream_key, message_id, payload, appended_at, consumer, attempts, last_error)
    values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)
    on conflict (message, consumer) do nothing
    returning id)
insert into stream_consumed (message, consumer) values ($1, $7) on conflict do nothing;

-- name: ListDeadLetters
select id, namespace, stream_key, consumer, message_id, payload::text, appended_at, attempts, last_error, dead_at
from stream_dead_letter
where state = 'dead' and ($1::text is null or namespace = $1) and ($2::text is null or stream_key = $2)
  and ($3::bigint is null or id > $3)
order by id
limit $4;

-- name: GetDeadLetter
select id, namespace, stream_key, consumer, message_id, payload::text, appended_at, attempts, last_error, dead_at
from stream_dead_letter where id = $1 and state = 'dead';

-- name: TakeForReplay
update stream_dead_letter set state = 'replayed', finished_at = now()
where state = 'dead' and ($1::bigint is null or id = $1) and ($2::text is null or namespace = $2)
returning id, namespace, stream_key, message_id, payload::text, consumer;

-- name: AppendReplays
-- Each replayed dead letter becomes a new message for its consumer alone, delivered from attempt 1.
insert into stream_message (queue, namespace, stream_key, message_id, payload, consumer, replay_of)
select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::bigint[]);

-- name: DiscardDeadLetter
update stream_dead_letter set state = 'discarded', finished_at = now() where id = $1 and state = 'dead';

-- name: CountDeadLetters
select count(*) from stream_dead_letter where state = 'dead';

-- name: DeleteDelivered
-- Retention: messages older than the window that every consumer has passed, oldest first.
delete from stream_message
where id in (
    select m.id from stream_message m
    join stream_queue_checkpoint c on c.queue = m.queue
    where m.appended_at < now() - $1 and (m.tx, m.id) <= (c.tx, c.id)
    order by m.id
    limit $2);

-- name: DeleteConsumedBefore
delete from stream_consumed where message < coalesce((select min(id) from stream_message), 9223372036854775807);

-- name: DeleteFinishedDeadLetters
delete from stream_dead_letter where state <> 'dead' and finished_at < now() - $1;

-- name: StreamStats
-- Backlog per queue: messages past the queue's checkpoint, and the age of the oldest of them.
select m.queue, count(*) as pending, extract(epoch from now() - min(m.appended_at)) as lag_seconds
from stream_message m
left join stream_queue_checkpoint c on c.queue = m.queue
where c.queue is null or (m.tx, m.id) > (c.tx, c.id)
group by m.queue;

-- name: DeadPerStream
-- Open dead letters per stream, for the dashboard's per-queue view (the queue follows from the stream).
select namespace, stream_key, count(*) from stream_dead_letter where state = 'dead' group by namespace, stream_key;

-- name: DeliveredLastMinute
-- Per queue, messages appended in the last minute that its agent has passed.
select m.queue, count(*)
from stream_message m
join stream_queue_checkpoint c on c.queue = m.queue
where m.appended_at > now() - interval '1 minute' and (m.tx, m.id) <= (c.tx, c.id)
group by m.queue;
