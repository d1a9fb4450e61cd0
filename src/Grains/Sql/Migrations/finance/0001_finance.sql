-- Finance: tenures' accounts (account-api's Account, contracts §3), their change log (the spreadsheet's
-- second sheet), the push to the interim finance solution and its reconciliations.

-- Payment references for tenures that have none yet; 10 digits like Hackney's ("9156853502").
create sequence finance_payment_reference_seq start with 9100000001 maxvalue 9199999999 no cycle;

create table finance_account (
    id uuid primary key,
    target_type text not null check (target_type = 'Tenure'),
    target_id uuid not null,
    account_type text not null check (account_type in ('Master', 'Recharge', 'Sundry')),
    payment_reference text not null check (char_length(payment_reference) between 1 and 50),
    rent_group_type text not null,
    agreement_type text not null,
    account_status text not null check (account_status in ('Active', 'Suspended', 'Ended')),
    start_date date,
    end_date date,
    tenure jsonb not null,
    created_by text not null,
    last_updated_by text not null,
    created_at timestamptz not null,
    last_updated_at timestamptz not null,
    -- Counts the account's changes (1 when created): the push's source version.
    version bigint not null default 1 check (version >= 1),
    -- Creating is idempotent: one account per tenure and account type, whatever the replay.
    constraint finance_account_one_per_target unique (target_id, account_type),
    constraint finance_account_dates check (end_date is null or start_date is null or end_date >= start_date)
);

-- Not unique: two tenures given one PRN at the source is an error to fix there, not a reason to lose an account.
create index finance_account_payment_reference on finance_account (payment_reference);

create table finance_account_change (
    id bigserial primary key,
    account_id uuid not null references finance_account (id),
    changed_at timestamptz not null,
    change text not null check (change in ('Created', 'Updated')),
    event_type text not null,
    message_id text not null,
    account_version bigint not null,
    -- Only the fields that changed: {"field": value}; old_values is null for a creation.
    old_values jsonb,
    new_values jsonb not null,
    constraint finance_account_change_once unique (account_id, account_version)
);

-- What the interim solution was last sent of each account; pending = version > pushed_version.
create table finance_account_push (
    account_id uuid primary key references finance_account (id),
    pushed_version bigint not null default 0,
    pushed_at timestamptz,
    attempts int not null default 0,
    last_error text,
    last_attempt_at timestamptz
);

create table finance_reconciliation (
    id bigserial primary key,
    trigger text not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    accounts_checked int not null,
    missing int not null,
    different int not null,
    repaired int not null,
    errors int not null,
    mismatches jsonb not null
);
