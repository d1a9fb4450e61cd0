-- The one-time migration of reference data from NOMIS (runs, their per-prison checkpoints, what each row became)
-- and the persisted reports of the reference-data reconciliation. Written only by the migration and
-- reconciliation grains, each in its fenced unit of work.

-- One migration run: the level codes and prisons it reads from NOMIS (fixed when it starts, so a resumed
-- run reads the same), and whether the global levels (REFERENCE_CODES, domain IEP_LEVEL) are done.
create table reference_data_migration (
    migration_id  text        primary key,
    status        text        not null,
    level_codes   text[]      not null,
    prison_ids    text[]      not null,
    levels_done   boolean     not null default false,
    -- NOMIS errors in a row of the current step; the step is retried at the next tick until the limit.
    attempts      integer     not null default 0,
    last_error    text,
    started_at    timestamptz not null default now(),
    ended_at      timestamptz,
    constraint reference_data_migration_status_known check (status in ('STARTED', 'COMPLETED')),
    constraint reference_data_migration_has_prisons check (cardinality(prison_ids) > 0)
);

-- One run at a time: a second start while one runs is refused (409).
create unique index reference_data_migration_one_running on reference_data_migration ((true)) where status = 'STARTED';

-- The checkpoint: a prison is done once its row is here, committed with its items. A resumed run
-- skips done prisons, so no row is migrated twice.
create table reference_data_migration_prison (
    migration_id  text        not null references reference_data_migration (migration_id) on delete cascade,
    prison_id     text        not null,
    done_at       timestamptz not null default now(),
    primary key (migration_id, prison_id)
);

-- What became of each NOMIS row a run read: 'level/{code}' or 'prison-level/{prisonId}/{code}'. The primary
-- key makes "every row once" a constraint.
create table reference_data_migration_item (
    migration_id  text not null references reference_data_migration (migration_id) on delete cascade,
    entity        text not null,
    prison_id     text,
    outcome       text not null,
    reason        text,
    primary key (migration_id, entity),
    constraint reference_data_migration_item_outcome_known check (outcome in ('MIGRATED', 'UNCHANGED', 'SKIPPED', 'FAILED')),
    constraint reference_data_migration_item_reason_if_not_done check (outcome in ('MIGRATED', 'UNCHANGED') or reason is not null)
);

-- Reconciliation reports, hub against NOMIS (scheduled or on demand); the grain keeps the last N.
create table reference_data_reconciliation (
    report_id              bigint      generated always as identity primary key,
    trigger                text        not null,
    finished_at            timestamptz not null,
    levels_checked         integer     not null,
    prison_levels_checked  integer     not null,
    mismatch_count         integer     not null,
    repaired               integer     not null,
    error                  text,
    mismatches             jsonb       not null,
    constraint reference_data_reconciliation_trigger_known check (trigger in ('SCHEDULED', 'ON_DEMAND'))
);
