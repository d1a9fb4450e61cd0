-- The test grains' ledger: one row per entry a test grain applied, written in its unit of work.
-- applied_at (the writing statement's clock) lets the process failover test see when each key's
-- messages were applied again after a silo was killed.
create table test_ledger (
    id         bigint generated always as identity primary key,
    grain      text not null,
    key        text not null,
    entry_id   text not null,
    sequence   int not null,
    amount     int not null,
    batch      int not null,
    applied_at timestamptz not null default clock_timestamp(),
    unique (grain, key, entry_id));
