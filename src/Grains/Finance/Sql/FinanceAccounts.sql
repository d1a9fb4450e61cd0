-- name: ByTarget
select id, payment_reference, target_type, target_id, account_type, rent_group_type, agreement_type, account_status,
       start_date, end_date, tenure::text, created_by, last_updated_by, created_at, last_updated_at, version
from finance_account
where target_id = $1 and ($2::text is null or account_type = $2)
order by created_at, id;

-- name: ById
select id, payment_reference, target_type, target_id, account_type, rent_group_type, agreement_type, account_status,
       start_date, end_date, tenure::text, created_by, last_updated_by, created_at, last_updated_at, version
from finance_account
where id = $1;

-- name: ByPaymentReference
select id, payment_reference, target_type, target_id, account_type, rent_group_type, agreement_type, account_status,
       start_date, end_date, tenure::text, created_by, last_updated_by, created_at, last_updated_at, version
from finance_account
where payment_reference = $1
order by created_at, id;

-- name: All
-- The spreadsheet's first sheet and the reconciliation: every account, oldest first.
select id, payment_reference, target_type, target_id, account_type, rent_group_type, agreement_type, account_status,
       start_date, end_date, tenure::text, created_by, last_updated_by, created_at, last_updated_at, version
from finance_account
order by created_at, id;

-- name: NextPaymentReference
select nextval('finance_payment_reference_seq')::text;

-- name: Insert
insert into finance_account (id, target_type, target_id, account_type, payment_reference, rent_group_type, agreement_type,
                             account_status, start_date, end_date, tenure, created_by, last_updated_by, created_at, last_updated_at, version)
values ($1, 'Tenure', $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $11, $12, $12, 1);

-- name: Update
-- Only from the version read: the grain is the account's single writer, this is the belt to its braces.
update finance_account
set payment_reference = $3, rent_group_type = $4, agreement_type = $5, account_status = $6, start_date = $7, end_date = $8,
    tenure = $9::jsonb, last_updated_by = $10, last_updated_at = $11, version = version + 1
where id = $1 and version = $2;

-- name: Counts
select (select count(*) from finance_account), (select count(*) from finance_account_change);
