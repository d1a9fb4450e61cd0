-- Rows the test grains write through their units of work, so that effects can be counted in SQL.
-- No unique key on purpose: a doubled effect must show up as two rows, not as an error.
create table test_received (
    id          bigint generated always as identity primary key,
    subscriber  text not null,
    stream_key  text not null,
    message_id  text not null,
    sequence    int not null,
    received_at timestamptz not null default now()
);
