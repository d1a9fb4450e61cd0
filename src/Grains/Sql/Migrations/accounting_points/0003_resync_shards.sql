-- The periodic resync stops being one Orleans reminder per point (the reminder service holds its
-- ranges in memory: dotnet/orleans#947). Each point's due times live here and a fixed set of shard
-- grains, each woken by one reminder, dispatch what is due. next_sync_at keeps its meaning (a one-off
-- sync: retry, event, dead-sync recovery, deferral); next_resync_at is the periodic one (tracked only).
alter table accounting_point_sync
    add column next_resync_at timestamptz,
    -- Written by the point grain: stable hash of the GSRN mod AccountingPoints:ResyncShards. Stored, not
    -- computed here, so the count stays a setting; a point rewrites it whenever it writes a due time.
    add column resync_shard smallint constraint accounting_point_sync_resync_shard check (resync_shard >= 0);

-- Rows of the previous version: any shard partitions them (the grain rewrites its own shard at its next
-- sync); due when their last success reaches the resync period, so nothing tracked goes stale.
update accounting_point_sync
set resync_shard = abs(hashtext(gsrn)) % 16,
    next_resync_at = case when tracked then coalesce(last_synced_at + resync_period, now()) end
where tracked or next_sync_at is not null;

-- The shard's "due" look-ups, oldest first, one index per kind of due time.
create index accounting_point_sync_resync_due on accounting_point_sync (resync_shard, next_resync_at) where tracked;
create index accounting_point_sync_soon_due on accounting_point_sync (resync_shard, next_sync_at) where next_sync_at is not null;
