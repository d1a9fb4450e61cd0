-- The persistent stream provider's tables (src/Postgres/Streams). Nothing else writes them.

-- One row per appended message. Producers commit out of id order (a grain's outbox commits with
-- its unit of work), so receivers read in (tx, id) order and only below the oldest transaction
-- still running: every row they pass is final, and no late commit can land behind a receiver.
-- A replay of a dead letter is a new row for that one consumer (replay_of names the dead letter).
create table stream_message (
    id          bigint generated always as identity primary key,
    tx          xid8 not null default pg_current_xact_id(),
    queue       int not null check (queue >= 0),
    namespace   text not null check (char_length(namespace) between 1 and 200),
    stream_key  text not null check (char_length(stream_key) between 1 and 400),
    message_id  text not null check (char_length(message_id) between 1 and 400),
    payload     jsonb not null,
    appended_at timestamptz not null default now(),
    consumer    text check (consumer is null or char_length(consumer) between 1 and 200),
    replay_of   bigint,
    check ((consumer is null) = (replay_of is null))
);
-- Idempotent append: a message id is appended once per namespace (for the retention window).
create unique index stream_message_once on stream_message (namespace, message_id) where replay_of is null;
create index stream_message_queue on stream_message (queue, tx, id);
-- A stream's messages in order: what a fresh activation checks for earlier unconsumed messages.
create index stream_message_stream on stream_message (namespace, stream_key, tx, id);

-- How far each queue's messages have been delivered to every consumer. A queue's next owner
-- starts here, so what was read but not confirmed before a silo died is delivered again.
create table stream_queue_checkpoint (
    queue      int primary key check (queue >= 0),
    tx         xid8 not null,
    id         bigint not null,
    updated_at timestamptz not null default now()
);

-- Messages a consumer has handled (the consumer is the subscribing grain type; its key is the
-- message's stream key): written in the same transaction as the effect, or right after a message
-- that had nothing to commit, or with its dead letter. A redelivered message finds its row and
-- does nothing.
create table stream_consumed (
    message  bigint not null,
    consumer text not null,
    primary key (message, consumer)
);

-- Messages a consumer failed on every attempt, with their last error, until an operator replays
-- or discards them. They keep their own copy of the message: retention may delete the original.
create table stream_dead_letter (
    id          bigint generated always as identity primary key,
    message     bigint not null,
    namespace   text not null,
    stream_key  text not null,
    message_id  text not null,
    payload     jsonb not null,
    appended_at timestamptz not null,
    consumer    text not null,
    attempts    int not null check (attempts > 0),
    last_error  text,
    dead_at     timestamptz not null default now(),
    state       text not null default 'dead' check (state in ('dead', 'replayed', 'discarded')),
    finished_at timestamptz,
    check ((state = 'dead') = (finished_at is null)),
    unique (message, consumer)
);
create index stream_dead_letter_open on stream_dead_letter (namespace, id) where state = 'dead';
