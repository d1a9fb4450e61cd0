-- The incentives domain: DPS incentive reviews, their mapping to NOMIS IEPs, what was written to
-- NOMIS, migration runs and reconciliation reports. Written only by the incentives grains, each in its
-- fenced unit of work; the invariants live here as constraints, not in application code.

-- The DPS side: incentive reviews (incentives-api prisoner_iep_level). review_time is the local
-- (Europe/London) date-time without a zone, as NOMIS and the API's iepTime carry it.
create table incentive_review (
    id                bigint generated always as identity primary key,
    prisoner_number   text        not null,
    booking_id        bigint      not null,
    review_time       timestamp   not null,
    level_code        text        not null,
    review_type       text        not null,
    comment           text,
    prison_id         text        not null,
    location_id       text,
    reviewed_by       text,
    current           boolean     not null default false,
    audit_module_name text        not null default 'INCENTIVES_API',
    -- Where the review was first recorded: DPS (the API), NOMIS (the IEP screen, synced) or MIGRATION.
    origin            text        not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint incentive_review_prisoner_number_format check (prisoner_number ~ '^[A-Z][0-9]{4}[A-Z]{2}$'),
    constraint incentive_review_booking_positive check (booking_id > 0),
    -- The levels of incentive-levels-with-inactive-response.json; ENT (inactive) survives in NOMIS history.
    constraint incentive_review_level_code_known check (level_code in ('BAS', 'ENT', 'STD', 'ENH', 'EN2', 'EN3')),
    constraint incentive_review_review_type_known check (review_type in ('INITIAL', 'REVIEW', 'TRANSFER', 'MIGRATED', 'READMISSION')),
    constraint incentive_review_prison_id_length check (char_length(prison_id) between 2 and 6),
    constraint incentive_review_comment_not_empty check (comment is null or char_length(comment) > 0),
    constraint incentive_review_origin_known check (origin in ('DPS', 'NOMIS', 'MIGRATION'))
);

-- At most one current review per booking (incentives-api one_booking_id_with_current_true_idx).
create unique index incentive_review_one_current_per_booking on incentive_review (booking_id) where current;
create index incentive_review_prisoner on incentive_review (prisoner_number, booking_id desc);
create index incentive_review_booking on incentive_review (booking_id, review_time desc, id desc);

-- The id mapping (hmpps-nomis-mapping-service incentive_mapping): unique on both sides, which is what
-- makes a second, different mapping of either id a conflict (the mapping service's 409).
create table incentive_mapping (
    incentive_id             bigint      primary key references incentive_review (id) on delete cascade,
    nomis_booking_id         bigint      not null,
    nomis_incentive_sequence bigint      not null,
    mapping_type             text        not null,
    label                    varchar(20),
    when_created             timestamptz not null default now(),
    constraint incentive_mapping_nomis_ids_unique unique (nomis_booking_id, nomis_incentive_sequence),
    constraint incentive_mapping_type_known check (mapping_type in ('MIGRATED', 'NOMIS_CREATED', 'INCENTIVE_CREATED')),
    constraint incentive_mapping_migrated_is_labelled check (mapping_type <> 'MIGRATED' or label is not null)
);

create index incentive_mapping_label on incentive_mapping (label) where label is not null;

-- What the DPS→NOMIS sync wrote to NOMIS for a DPS review, recorded before the mapping is attempted,
-- so that a retried mapping write never repeats the NOMIS write.
create table incentive_nomis_write (
    incentive_id             bigint      primary key references incentive_review (id) on delete cascade,
    nomis_booking_id         bigint      not null,
    nomis_incentive_sequence bigint      not null,
    status                   text        not null,
    detail                   text,
    written_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    constraint incentive_nomis_write_status_known check (status in ('MAPPING_PENDING', 'MAPPED', 'MAPPING_CONFLICT')),
    constraint incentive_nomis_write_conflict_explained check (status <> 'MAPPING_CONFLICT' or detail is not null)
);

-- Migration runs (prisoner-from-nomis-migration MigrationHistory). The id is the start time to the
-- second (Europe/London), which also labels the mappings the run creates.
create table incentive_migration (
    migration_id     varchar(20) primary key,
    from_date        date,
    to_date          date,
    status           text        not null,
    estimated_count  bigint,
    next_page        int         not null default 0,
    next_offset      int         not null default 0,
    migrated_count   bigint      not null default 0,
    skipped_count    bigint      not null default 0,
    failed_count     bigint      not null default 0,
    started_at       timestamptz not null default now(),
    finished_at      timestamptz,
    constraint incentive_migration_status_known check (status in ('STARTED', 'COMPLETED', 'CANCELLED')),
    constraint incentive_migration_dates_ordered check (from_date is null or to_date is null or from_date <= to_date),
    constraint incentive_migration_finished_when_ended check ((status = 'STARTED') = (finished_at is null)),
    constraint incentive_migration_cursor_valid check (next_page >= 0 and next_offset >= 0),
    constraint incentive_migration_counts_valid check (migrated_count >= 0 and skipped_count >= 0 and failed_count >= 0)
);

-- One run at a time.
create unique index incentive_migration_one_running on incentive_migration ((true)) where status = 'STARTED';
create index incentive_migration_started on incentive_migration (started_at desc);

create table incentive_migration_failure (
    migration_id             varchar(20) not null references incentive_migration (migration_id) on delete cascade,
    nomis_booking_id         bigint      not null,
    nomis_incentive_sequence bigint      not null,
    reason                   text        not null,
    failed_at                timestamptz not null default now(),
    primary key (migration_id, nomis_booking_id, nomis_incentive_sequence)
);

-- Reconciliation reports: every active NOMIS prisoner's current level against DPS.
create table incentive_reconciliation (
    id                         text        primary key,
    trigger                    text        not null,
    status                     text        not null,
    started_at                 timestamptz not null default now(),
    finished_at                timestamptz,
    next_page                  int         not null default 0,
    prisoners_checked          int         not null default 0,
    mismatch_count             int         not null default 0,
    error_count                int         not null default 0,
    consecutive_page_failures  int         not null default 0,
    detail                     text,
    constraint incentive_reconciliation_trigger_known check (trigger in ('SCHEDULED', 'ON_DEMAND')),
    constraint incentive_reconciliation_status_known check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    constraint incentive_reconciliation_finished_when_ended check ((status = 'RUNNING') = (finished_at is null)),
    constraint incentive_reconciliation_counts_valid check (next_page >= 0 and prisoners_checked >= 0 and mismatch_count >= 0 and error_count >= 0)
);

create index incentive_reconciliation_started on incentive_reconciliation (started_at desc);

create table incentive_reconciliation_mismatch (
    reconciliation_id text   not null references incentive_reconciliation (id) on delete cascade,
    prisoner_number   text   not null,
    booking_id        bigint not null,
    nomis_level_code  text,
    dps_level_code    text,
    primary key (reconciliation_id, booking_id),
    constraint incentive_reconciliation_mismatch_differs check (nomis_level_code is distinct from dps_level_code)
);
