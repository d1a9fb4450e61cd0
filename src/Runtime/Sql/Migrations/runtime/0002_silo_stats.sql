-- Each silo's latest statistics snapshot, written every few seconds, so that any silo or gateway
-- can show the whole cluster without calling every silo. Cumulative counters: readers difference
-- two snapshots for rates.
create table rt_silo_stats (
    silo_id    uuid primary key references rt_silo (silo_id) on delete cascade,
    updated_at timestamptz not null default now(),
    data       jsonb not null
);
