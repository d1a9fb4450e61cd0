-- Marking a message processed no longer adds an entry to a finished_at index: retention walks the
-- primary key from the oldest id instead (old finished rows are at the low end), which saves an
-- index write on the hot path of every delivery.
drop index rt_stream_finished;
