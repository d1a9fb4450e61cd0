-- Incentive reference data mastered by this hub (incentives-api ADR 0004) and pushed one way to NOMIS:
-- the global levels, the levels of each prison (spend limits, visit allowances, default on admission)
-- and the policy defaults a new prison level starts from. Written only by the reference-data grains,
-- each in its fenced unit of work; the invariants the database can hold live here as constraints.

-- The levels available to all prisons (incentives-api incentive_level), in display order.
create table incentive_level (
    code       text        primary key,
    name       text        not null,
    active     boolean     not null,
    required   boolean     not null,
    sequence   integer     not null,
    updated_at timestamptz not null default now(),
    constraint incentive_level_code_format check (code ~ '^[A-Z0-9]{1,6}$'),
    constraint incentive_level_name_length check (char_length(name) between 1 and 30),
    -- Rule 100: a required level is active.
    constraint incentive_level_active_if_required check (active or not required),
    constraint incentive_level_sequence_unique unique (sequence) deferrable initially deferred
);

-- The levels of each prison (incentives-api prison_incentive_level). A missing row means inactive.
create table prison_incentive_level (
    prison_id                          text        not null,
    level_code                         text        not null references incentive_level (code) on delete restrict,
    active                             boolean     not null,
    default_on_admission               boolean     not null,
    remand_transfer_limit_in_pence     integer     not null,
    remand_spend_limit_in_pence        integer     not null,
    convicted_transfer_limit_in_pence  integer     not null,
    convicted_spend_limit_in_pence     integer     not null,
    visit_orders                       integer     not null,
    privileged_visit_orders            integer     not null,
    updated_at                         timestamptz not null default now(),
    primary key (prison_id, level_code),
    constraint prison_incentive_level_prison_id_format check (prison_id ~ '^[A-Z0-9]{2,6}$'),
    constraint prison_incentive_level_amounts_not_negative check (
        remand_transfer_limit_in_pence >= 0 and remand_spend_limit_in_pence >= 0
        and convicted_transfer_limit_in_pence >= 0 and convicted_spend_limit_in_pence >= 0
        and visit_orders >= 0 and privileged_visit_orders >= 0),
    -- Rule 201: the default level is active.
    constraint prison_incentive_level_active_if_default check (active or not default_on_admission)
);

-- At most one default level per prison (the service also keeps one whenever any level is active).
create unique index prison_incentive_level_one_default on prison_incentive_level (prison_id) where default_on_admission;

-- The national policy a new prison level starts from (incentives-api PrisonIncentiveLevelPolicy);
-- a level without a row here takes ENH's.
create table incentive_level_policy (
    level_code                         text    primary key,
    remand_transfer_limit_in_pence     integer not null,
    remand_spend_limit_in_pence        integer not null,
    convicted_transfer_limit_in_pence  integer not null,
    convicted_spend_limit_in_pence     integer not null,
    visit_orders                       integer not null,
    privileged_visit_orders            integer not null
);

insert into incentive_level (code, name, active, required, sequence) values
    ('BAS', 'Basic', true, true, 1),
    ('STD', 'Standard', true, true, 2),
    ('ENH', 'Enhanced', true, true, 3),
    ('EN2', 'Enhanced 2', true, false, 4),
    ('EN3', 'Enhanced 3', true, false, 5),
    -- Inactive; NOMIS history still holds reviews at it.
    ('ENT', 'Entry', false, false, 6);

insert into incentive_level_policy values
    ('BAS', 2750, 27500, 550, 5500, 2, 1),
    ('STD', 6050, 60500, 1980, 19800, 2, 1),
    ('ENH', 6600, 66000, 3300, 33000, 2, 1);

-- What the push last wrote to NOMIS per entity ('level/STD', 'order', 'prison-level/MDI/STD'), for
-- status pages and reconciliation: the push itself always re-reads NOMIS before writing.
create table incentive_reference_nomis_push (
    entity     text        primary key,
    outcome    text        not null,
    pushed     jsonb       not null,
    pushed_at  timestamptz not null default now(),
    constraint incentive_reference_nomis_push_outcome_known check (outcome in ('CREATED', 'UPDATED', 'UNCHANGED', 'REORDERED'))
);
