-- Other privileges in the one-time migration from NOMIS: the IEP_OTH_PRIV codes a run reads besides the hub's own,
-- fixed when it starts (as level_codes), so a resumed run reads the same. Items of a run now also name
-- 'other-privilege/{code}' (with the global levels) and 'other-privileges/{prisonId}/{levelCode}' (with the prison).
alter table reference_data_migration add column privilege_codes text[] not null default '{}';
