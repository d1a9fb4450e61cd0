-- CAS2 applications and where they are assigned now (hmpps-approved-premises-api ADR 0026, "Prison
-- transfers"). Written only by the prisoner's transfers grain (key: NOMS number), in its fenced unit of
-- work, so a prisoner's applications never see two writers.
--
-- Why assignments are append-only: the ADR first designed cas_2_prisoner_locations, one row per
-- location with an open end_date and a partial unique index on the open row. Every move then had to
-- close one row and open another; an event applied twice or out of order could close the wrong row or
-- leave two open, and the history of POM changes within one prison had nowhere to go. Upstream replaced
-- it (2025-03-07) with cas_2_application_assignments: rows are only ever inserted, the current
-- assignment is the latest one, and the timeline is the rows in order. This is that later design.

create table cas2_application (
    id                    uuid        primary key,
    noms_number           text        not null,
    crn                   text        not null,
    person_name           text        not null,
    created_by_user_id    text        not null,
    created_by_user_name  text        not null,
    referring_prison_code text        not null,
    status                text        not null,
    created_at            timestamptz not null,
    submitted_at          timestamptz,
    constraint cas2_application_noms_number_format check (noms_number ~ '^[A-Z][0-9]{4}[A-Z]{2}$'),
    constraint cas2_application_crn_not_empty check (char_length(crn) between 1 and 20),
    constraint cas2_application_person_name_not_empty check (char_length(person_name) between 1 and 200),
    constraint cas2_application_created_by_not_empty check (char_length(created_by_user_id) between 1 and 100),
    constraint cas2_application_prison_code_format check (referring_prison_code ~ '^[A-Z0-9]{2,6}$'),
    constraint cas2_application_status_known check (status in ('IN_PROGRESS', 'SUBMITTED')),
    constraint cas2_application_submitted_when_submitted check ((status = 'SUBMITTED') = (submitted_at is not null))
);

create index cas2_application_noms_number on cas2_application (noms_number);
create index cas2_application_created_by on cas2_application (created_by_user_id, created_at desc);

-- Append-only: the current assignment of an application is its latest row (created_at, then id).
create table cas2_application_assignment (
    id                    bigint      generated always as identity primary key,
    application_id        uuid        not null references cas2_application (id),
    prison_code           text        not null,
    allocated_pom_user_id text,
    allocated_pom_name    text,
    created_at            timestamptz not null,
    constraint cas2_application_assignment_prison_code_format check (prison_code ~ '^[A-Z0-9]{2,6}$'),
    constraint cas2_application_assignment_pom_named check ((allocated_pom_user_id is null) = (allocated_pom_name is null))
);

create index cas2_application_assignment_latest on cas2_application_assignment (application_id, created_at desc, id desc);
create index cas2_application_assignment_pom on cas2_application_assignment (allocated_pom_user_id);
create index cas2_application_assignment_prison on cas2_application_assignment (prison_code);

-- Prisoner merges applied (prisoner.merged): a removed NOMS number is merged once; its applications
-- and their assignments now belong to the remaining number.
create table cas2_prisoner_merge (
    removed_noms_number   text        primary key,
    noms_number           text        not null,
    applications_moved    int         not null,
    merged_at             timestamptz not null,
    constraint cas2_prisoner_merge_distinct check (removed_noms_number <> noms_number),
    constraint cas2_prisoner_merge_count check (applications_moved >= 0)
);

-- Transfer events whose lookup (prisoner search, POM allocations) is failing right now: written when a
-- lookup fails (outside the unit of work, which rolls back), removed when the prisoner's next event is
-- applied. What the dashboard shows as pending.
create table cas2_transfer_pending (
    noms_number     text        primary key,
    event_type      text        not null,
    attempts        int         not null,
    last_error      text        not null,
    last_attempt_at timestamptz not null
);
