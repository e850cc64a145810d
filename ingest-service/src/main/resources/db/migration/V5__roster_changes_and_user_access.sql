-- Roster changes as users-service sends them (POST /internal/orgs/{orgId}/roster-changes), kept by
-- their id: a change received again inserts nothing, so it has no further effect.
create table roster_changes (
    id               uuid primary key,
    org_id           uuid        not null,
    sequence         bigint      not null,
    user_id          uuid        not null,
    kind             text        not null check (kind in ('USER_CREATED', 'SEAT_CHANGED', 'ROLE_CHANGED', 'ACTIVE_CHANGED',
                                                          'EMAIL_CHANGED', 'IDENTITY_ADDED', 'IDENTITY_REMOVED')),
    occurred_at      timestamptz not null,
    -- The user's state after the change.
    user_active      boolean     not null,
    user_role        text        not null check (user_role in ('ADMIN', 'MEMBER')),
    user_seat        text        not null,
    -- What the change touches: the user's normalized emails and linked Aircall user ids, before and after.
    emails           text[]      not null default '{}',
    aircall_user_ids bigint[]    not null default '{}',
    received_at      timestamptz not null,
    -- A change that can alter a decision waits for a replay until one has re-decided what it affects.
    replay_needed    boolean     not null,
    replayed_at      timestamptz
);
create index roster_changes_unreplayed on roster_changes (org_id, received_at) where replay_needed and replayed_at is null;

-- Who may still use their token (issue 12 item 4): the latest known state of each user, applied only
-- from a change with a higher sequence than the one held, so a late retry never restores an old state.
create table user_access (
    org_id     uuid        not null,
    user_id    uuid        not null,
    active     boolean     not null,
    role       text        not null check (role in ('ADMIN', 'MEMBER')),
    sequence   bigint      not null,
    updated_at timestamptz not null,
    primary key (org_id, user_id)
);
-- Each replica reloads what changed since its last look.
create index user_access_updated on user_access (updated_at);
