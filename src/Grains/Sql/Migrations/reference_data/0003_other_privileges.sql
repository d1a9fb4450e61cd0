-- Other privileges (NOMIS REFERENCE_CODES domain IEP_OTH_PRIV and OTHER_PRIVILEGES_LEVELS), mastered by this hub
-- and pushed one way to NOMIS like the levels. Written only by the other-privilege grains, each in its fenced unit
-- of work under the reference-data lock; the invariants the database can hold live here as constraints.

-- The privilege codes (IEP_OTH_PRIV reference codes), in display order. Deactivated, never deleted: NOMIS history
-- and prison levels may still name them.
create table other_privilege (
    code        text        primary key,
    description text        not null,
    active      boolean     not null,
    sequence    integer     not null,
    updated_at  timestamptz not null default now(),
    -- REFERENCE_CODES.CODE is 12 characters.
    constraint other_privilege_code_format check (code ~ '^[A-Z0-9_]{1,12}$'),
    -- REFERENCE_CODES.DESCRIPTION is 40 characters.
    constraint other_privilege_description_length check (char_length(description) between 1 and 40),
    constraint other_privilege_sequence_positive check (sequence >= 1)
);

-- The privileges that apply to a level in a prison (OTHER_PRIVILEGES_LEVELS): one row per privilege; no row, no
-- privilege. The level must exist globally; whether it is active in the prison is checked by the grain (a prison
-- level with no row is inactive, so there is nothing to refer to).
create table prison_level_other_privilege (
    prison_id      text        not null,
    level_code     text        not null references incentive_level (code) on delete restrict,
    privilege_code text        not null references other_privilege (code) on delete restrict,
    created_at     timestamptz not null default now(),
    primary key (prison_id, level_code, privilege_code),
    constraint prison_level_other_privilege_prison_id_format check (prison_id ~ '^[A-Z0-9]{2,6}$')
);

create index prison_level_other_privilege_by_privilege on prison_level_other_privilege (privilege_code);
