-- The same domain work for both designs: a current row per entity, a history row per change, an
-- outbox row per change (for the grain design, the runtime's stream row is its outbox).
create table bench_entity (
    entity_key text primary key,
    last_sequence int not null,
    updated_at timestamptz not null
);
create table bench_history (
    id bigint generated always as identity primary key,
    entity_key text not null,
    sequence int not null,
    appended_at timestamptz not null,
    committed_at timestamptz not null default clock_timestamp()
);
-- The reference design: an inbox claimed by a pool of workers with FOR UPDATE SKIP LOCKED.
create table bench_inbox (
    id bigint generated always as identity primary key,
    entity_key text not null,
    sequence int not null,
    appended_at timestamptz not null default clock_timestamp(),
    processed boolean not null default false
);
create index bench_inbox_pending on bench_inbox (id) where not processed;
create table bench_outbox (
    id bigint generated always as identity primary key,
    entity_key text not null,
    sequence int not null
);
create table bench_raw (id bigint generated always as identity primary key, entity_key text not null, sequence int not null);
create table bench_activation (grain_key text primary key);
