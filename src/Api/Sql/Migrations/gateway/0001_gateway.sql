-- The API gateway's own tables (module "gateway"). Nothing else reads or writes them.

-- Events a source's classification skipped (types this system does not handle, or a namespace
-- nobody subscribes to): acknowledged to the sender, never appended or retried, and kept here so
-- operators can see what arrived and nothing is silently lost. One row per (source, message id),
-- so a redelivered skip is recorded once. Rows older than Api:SkippedEventRetention are deleted.
create table gateway_skipped_event (
    id          bigint generated always as identity primary key,
    source      text not null check (char_length(source) between 1 and 100),
    message_id  text not null check (char_length(message_id) between 1 and 400),
    event_type  text not null check (char_length(event_type) between 1 and 400),
    reason      text not null check (char_length(reason) between 1 and 2000),
    payload     jsonb not null,
    received_at timestamptz not null default now(),
    constraint gateway_skipped_event_once unique (source, message_id)
);
create index gateway_skipped_event_received on gateway_skipped_event (received_at);

-- SNS SubscriptionConfirmation / UnsubscribeConfirmation messages. The gateway never fetches the
-- SubscribeURL (that would let any caller make this server fetch an arbitrary URL); an operator
-- reviews the row and confirms the subscription out of band.
create table gateway_sns_confirmation (
    id            bigint generated always as identity primary key,
    source        text not null check (char_length(source) between 1 and 100),
    message_type  text not null check (message_type in ('SubscriptionConfirmation', 'UnsubscribeConfirmation')),
    message_id    text not null check (char_length(message_id) between 1 and 400),
    topic_arn     text not null check (char_length(topic_arn) between 1 and 1000),
    subscribe_url text check (char_length(subscribe_url) <= 4000),
    received_at   timestamptz not null default now(),
    constraint gateway_sns_confirmation_once unique (source, message_id)
);
