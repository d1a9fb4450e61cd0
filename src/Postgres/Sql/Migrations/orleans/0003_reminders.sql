-- Orleans ADO.NET reminders on PostgreSQL, from the provider's contract (Orleans.Reminders.AdoNet
-- 10.4.2): it binds @ServiceId, @GrainId (GrainId.ToString(), "type/key"), @ReminderName,
-- @StartTime, @Period (milliseconds), @GrainHash (the grain's uniform hash as a signed int),
-- @BeginHash/@EndHash and @Version, and reads GrainId, ReminderName, StartTime, Period (as bigint)
-- and Version.

create table orleans_reminder (
    service_id    text not null,
    -- text, not a short varchar: grain ids are the type plus the whole key, of any length (#9653).
    grain_id      text not null,
    reminder_name text not null,
    start_time    timestamptz not null,
    period        bigint not null,
    grain_hash    int not null,
    version       int not null,
    primary key (service_id, grain_id, reminder_name),
    constraint orleans_reminder_service_not_blank check (btrim(service_id) <> ''),
    -- GrainId.Parse reads it back: "type/key" with a non-empty type.
    constraint orleans_reminder_grain_id_is_type_and_key check (strpos(grain_id, '/') > 1),
    constraint orleans_reminder_name_not_blank check (btrim(reminder_name) <> ''),
    constraint orleans_reminder_period_not_negative check (period >= 0),
    constraint orleans_reminder_version_positive check (version > 0)
);

-- Each silo's reminder service reads the rows of its ring range by hash.
create index orleans_reminder_service_hash on orleans_reminder (service_id, grain_hash);

insert into orleansquery (querykey, querytext) values
('ReadReminderRowsKey', $q$
select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
       period as "Period", version as "Version"
  from orleans_reminder
 where service_id = @ServiceId and grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
       period as "Period", version as "Version"
  from orleans_reminder
 where service_id = @ServiceId and grain_id = @GrainId and reminder_name = @ReminderName
$q$),

-- A ring range is (begin, end]. The provider picks this query when begin < end as signed ints ...
('ReadRangeRows1Key', $q$
select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
       period as "Period", version as "Version"
  from orleans_reminder
 where service_id = @ServiceId and grain_hash > @BeginHash and grain_hash <= @EndHash
$q$),

-- ... and this one when the range wraps around (begin = end is the whole ring).
('ReadRangeRows2Key', $q$
select grain_id as "GrainId", reminder_name as "ReminderName", start_time as "StartTime",
       period as "Period", version as "Version"
  from orleans_reminder
 where service_id = @ServiceId and (grain_hash > @BeginHash or grain_hash <= @EndHash)
$q$),

-- Registering again replaces the schedule; the version (ETag) moves so a stale unregister fails.
('UpsertReminderRowKey', $q$
insert into orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
values (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
on conflict (service_id, grain_id, reminder_name) do update
   set start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
       version = orleans_reminder.version + 1
returning version as "Version"
$q$),

('DeleteReminderRowKey', $q$
with deleted as (
    delete from orleans_reminder
     where service_id = @ServiceId and grain_id = @GrainId and reminder_name = @ReminderName and version = @Version
    returning 1)
select exists (select 1 from deleted)
$q$),

('DeleteReminderRowsKey', $q$
delete from orleans_reminder where service_id = @ServiceId
$q$);
