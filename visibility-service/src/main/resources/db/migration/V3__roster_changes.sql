-- The roster change feed from users-service (issue 12): what this service knows of each user's
-- access, and which changes it has applied.

-- Per user, the state of the newest change received (highest sequence): a late retry of an
-- older change never brings back an older state. A user without a row is not restricted.
create table user_access (
    org_id     uuid        not null,
    user_id    uuid        not null,
    active     boolean     not null,
    role       text        not null check (role in ('ADMIN', 'MEMBER')),
    sequence   bigint      not null,
    updated_at timestamptz not null,
    primary key (org_id, user_id)
);
-- What every replica's in-memory view reloads: the users whose tokens are restricted.
create index user_access_restricted_idx on user_access (org_id, user_id) where active = false or role <> 'ADMIN';

-- Change ids received: the idempotency key. Receiving one again has no further effect.
create table roster_changes_received (
    org_id      uuid        not null,
    change_id   uuid        not null,
    user_id     uuid        not null,
    sequence    bigint      not null,
    kind        text        not null,
    received_at timestamptz not null,
    primary key (org_id, change_id)
);
