-- The fence's keys compare byte-wise (collation "C"), as the stream tables' do (streams 0002):
-- they are identifiers, and under the database's default collation every comparison in the
-- primary key's B-tree went through strcoll. Rebuilds the primary key.
alter table entity_fence
    alter column grain_type type text collate "C",
    alter column grain_key type text collate "C";
