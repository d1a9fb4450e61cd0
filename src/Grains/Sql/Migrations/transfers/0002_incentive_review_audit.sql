-- The audit of incentive reviews moved by a prisoner merge (incentives-api writes an audit record
-- PRISONER_NUMBER_MERGE for each). It lives in the transfers module because merges are processed with the
-- prisoner's transfers; the incentives module's own migrations are left to the incentives domain.
create table incentive_review_audit (
    id                      bigint      generated always as identity primary key,
    incentive_id            bigint      not null references incentive_review (id) on delete cascade,
    change_type             text        not null,
    removed_prisoner_number text        not null,
    prisoner_number         text        not null,
    booking_id              bigint      not null,
    changed_at              timestamptz not null,
    constraint incentive_review_audit_change_type_known check (change_type in ('PRISONER_NUMBER_MERGE')),
    constraint incentive_review_audit_numbers_differ check (removed_prisoner_number <> prisoner_number)
);

create index incentive_review_audit_review on incentive_review_audit (incentive_id, id);
