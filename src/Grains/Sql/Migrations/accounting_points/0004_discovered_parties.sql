-- A datahub document may name a grid area or supplier the hub has not seen: the datahub, not the
-- hub, is the master of who they are, so the sync records the code instead of failing the whole
-- document. first_named_by says which point named it first (null for the seeded rows).
alter table metering_grid_area add column first_named_by text;
alter table energy_supplier add column first_named_by text;
