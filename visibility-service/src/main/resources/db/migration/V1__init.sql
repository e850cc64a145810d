-- visibility-service: imported calls as users see them, their participants, visibility and its history.
-- See README.md "The list query and its indexes" for why the indexes look like this.

create table org_settings (
    org_id             uuid primary key,
    default_visibility text        not null check (default_visibility in ('PUBLIC', 'PRIVATE')),
    updated_at         timestamptz,
    updated_by         uuid
);

create table calls (
    id                  uuid primary key,
    org_id              uuid        not null,
    aircall_call_id     bigint      not null check (aircall_call_id > 0),
    owner_user_id       uuid        not null,
    visibility          text        not null check (visibility in ('PUBLIC', 'PRIVATE')),
    started_at          timestamptz not null,
    ended_at            timestamptz,
    duration_seconds    integer     not null check (duration_seconds >= 0),
    direction           text        not null check (direction in ('INBOUND', 'OUTBOUND')),
    external_number     text,
    aircall_link        text,
    aircall_asset       text,
    recording_reference text,
    imported_at         timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0,
    check (ended_at is null or ended_at >= started_at)
);
-- The import is an upsert keyed by (org, Aircall call id).
create unique index calls_org_aircall_uq on calls (org_id, aircall_call_id);
-- Admins: every call of the org, newest first.
create index calls_org_started_idx on calls (org_id, started_at desc, id desc);
-- Members: the org's public calls, newest first (private calls never enter this index).
create index calls_org_public_started_idx on calls (org_id, started_at desc, id desc) where visibility = 'PUBLIC';

create table call_participants (
    call_id    uuid        not null references calls (id) on delete cascade,
    user_id    uuid        not null,
    -- Copies of the call's org_id and started_at, kept in step by the import.
    org_id     uuid        not null,
    started_at timestamptz not null,
    primary key (call_id, user_id)
);
-- "Calls I take part in, newest first": one range scan that stops after a page.
create index call_participants_user_idx on call_participants (org_id, user_id, started_at desc, call_id desc);

create table visibility_changes (
    id               uuid primary key,
    call_id          uuid        not null references calls (id) on delete cascade,
    org_id           uuid        not null,
    changed_by       uuid        not null,
    changed_by_admin boolean     not null,
    changed_at       timestamptz not null,
    from_visibility  text        not null check (from_visibility in ('PUBLIC', 'PRIVATE')),
    to_visibility    text        not null check (to_visibility in ('PUBLIC', 'PRIVATE'))
);
create index visibility_changes_call_idx on visibility_changes (call_id, changed_at);
