-- The roster change feed (issue 12): every change that can alter an ingestion or access decision
-- is written here in the transaction of the change itself, one row per destination, and a
-- scheduled job delivers the rows (RosterChangeDelivery). Rows are kept after delivery: they are
-- the admin view of what was sent when.

-- One counter per org. Every roster write increments it in its own transaction, so the row lock
-- orders the writers of one org: a later commit always carries a higher sequence.
create table roster_change_sequences (
    org_id        uuid   primary key references orgs (id),
    last_sequence bigint not null
);

create table roster_change_outbox (
    id               uuid primary key,
    -- The change's id, shared by its rows for each destination: the receivers' idempotency key.
    change_id        uuid        not null,
    org_id           uuid        not null references orgs (id),
    sequence         bigint      not null check (sequence > 0),
    destination      text        not null check (destination in ('INGEST', 'VISIBILITY')),
    kind             text        not null check (kind in ('USER_CREATED', 'SEAT_CHANGED', 'ROLE_CHANGED', 'ACTIVE_CHANGED',
                                                          'EMAIL_CHANGED', 'IDENTITY_ADDED', 'IDENTITY_REMOVED')),
    user_id          uuid        not null references users (id),
    occurred_at      timestamptz not null,
    -- The user's state after the change.
    user_active      boolean     not null,
    user_role        text        not null check (user_role in ('ADMIN', 'MEMBER')),
    user_seat        text        not null check (user_seat in ('RECORDING', 'VIEWER', 'NONE')),
    -- What the change touches: the user's normalized emails and Aircall user ids, before ∪ after.
    emails           text[]      not null,
    aircall_user_ids bigint[]    not null,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'REJECTED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    -- A replica that claimed the row to send it, until when; a dead claimer's rows are taken over after that.
    claimed_by       uuid,
    claimed_until    timestamptz,
    delivered_at     timestamptz,
    -- For the log and support only: the cause as the delivery saw it.
    last_error       text,
    -- What an admin may read: a fixed short text, no host names, no exception text.
    last_public_error text,
    created_at       timestamptz not null,
    unique (change_id, destination),
    unique (org_id, destination, sequence)
);
-- The delivery job's question: the oldest pending change of each (org, destination).
create index roster_change_outbox_pending_idx on roster_change_outbox (org_id, destination, sequence)
    where status = 'PENDING';
-- The gauge of undelivered changes.
create index roster_change_outbox_undelivered_idx on roster_change_outbox (destination, status)
    where status <> 'DELIVERED';
-- The admin view: an org's changes, newest first.
create index roster_change_outbox_org_idx on roster_change_outbox (org_id, sequence desc);
