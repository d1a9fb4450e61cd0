-- The stream tables' text keys compare byte-wise (collation "C"). They are identifiers: compared
-- for equality and ordered only inside indexes. Under the database's default collation every
-- comparison in their B-trees went through the C library's strcoll, and PostgreSQL 15 takes its
-- byte-wise fast path only for a collation named C or POSIX, not for C.UTF-8 (the embedded
-- default) or en_US.UTF-8. Changing a column's collation rebuilds its indexes; retention keeps
-- these tables small.
alter table stream_message
    alter column namespace type text collate "C",
    alter column stream_key type text collate "C",
    alter column message_id type text collate "C",
    alter column consumer type text collate "C";

alter table stream_consumed
    alter column consumer type text collate "C";

alter table stream_dead_letter
    alter column namespace type text collate "C",
    alter column stream_key type text collate "C",
    alter column message_id type text collate "C",
    alter column consumer type text collate "C";
