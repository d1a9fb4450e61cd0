-- One row per entity (grain type and key) that has committed a unit of work: its version. Every
-- unit of work commits only if the version is still the one its activation read, in the same
-- transaction, so a stale second activation of a grain (possible for a moment while Orleans'
-- directory heals after a failure) gets a conflict instead of a write.
create table entity_fence (
    grain_type text not null check (char_length(grain_type) between 1 and 200),
    grain_key  text not null check (char_length(grain_key) between 1 and 400),
    version    bigint not null check (version > 0),
    primary key (grain_type, grain_key)
);
