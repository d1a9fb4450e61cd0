-- The runtime's own tables. Nothing outside src/Runtime reads or writes them.

-- One row: the cluster's fixed partition count, chosen when the schema is created.
create table rt_cluster (
    id              int primary key default 1 check (id = 1),
    partition_count int not null check (partition_count between 1 and 4096),
    created_at      timestamptz not null default now()
);

-- Silo membership. A restarted process registers as a new silo.
create table rt_silo (
    silo_id      uuid primary key,
    address      text not null,
    host_name    text not null,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    status       text not null default 'active' check (status in ('active', 'stopping', 'dead'))
);

-- Partition leases. Every acquisition bumps the epoch: the fencing token of all durable writes.
create table rt_lease (
    partition   int primary key check (partition >= 0),
    owner       uuid,
    epoch       bigint not null default 0,
    expires_at  timestamptz not null default '-infinity',
    acquired_at timestamptz
);

-- Persistent grain state: jsonb plus a version that works as the ETag.
create table rt_grain_state (
    grain_type text not null,
    grain_key  text not null,
    state_name text not null,
    partition  int not null,
    data       jsonb not null,
    version    bigint not null check (version > 0),
    updated_at timestamptz not null default now(),
    primary key (grain_type, grain_key, state_name)
);

-- Durable reminders, found by (partition, due_at) so that delivery cost does not grow with their number.
create table rt_reminder (
    grain_type text not null,
    grain_key  text not null,
    name       text not null check (char_length(name) between 1 and 200),
    partition  int not null,
    period     interval not null check (period > interval '0'),
    due_at     timestamptz not null,
    primary key (grain_type, grain_key, name)
);
create index rt_reminder_due on rt_reminder (partition, due_at);

-- Persistent streams. One row per (message, subscriber), so that each subscriber's progress,
-- retries and dead letters are its own. Rows are placed in the partition of the grain they are
-- delivered to. State moves pending -> processed | dead; dead -> pending (replay) | discarded.
-- Processed rows are kept for the retention period, which is also the de-duplication window.
create table rt_stream_message (
    id              bigint generated always as identity primary key,
    partition       int not null,
    namespace       text not null check (char_length(namespace) between 1 and 200),
    stream_key      text not null check (char_length(stream_key) between 1 and 400),
    subscriber      text not null,
    message_id      text not null check (char_length(message_id) between 1 and 400),
    payload         jsonb not null,
    appended_at     timestamptz not null default now(),
    state           text not null default 'pending' check (state in ('pending', 'processed', 'dead', 'discarded')),
    attempts        int not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz,
    last_error      text,
    finished_at     timestamptz,
    constraint rt_stream_message_once unique (subscriber, namespace, message_id),
    constraint rt_stream_message_finished check ((state = 'pending') = (finished_at is null))
);
create index rt_stream_pending on rt_stream_message (partition, id) where state = 'pending';
create index rt_stream_backoff on rt_stream_message (partition, subscriber, namespace, stream_key)
    where state = 'pending' and next_attempt_at is not null;
create index rt_stream_dead on rt_stream_message (namespace, id) where state = 'dead';
create index rt_stream_finished on rt_stream_message (finished_at) where state in ('processed', 'discarded');
