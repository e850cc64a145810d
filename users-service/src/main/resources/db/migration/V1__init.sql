create table orgs (
    id          uuid primary key,
    name        text        not null check (length(trim(name)) > 0),
    created_at  timestamptz not null
);

create table users (
    id               uuid primary key,
    org_id           uuid        not null references orgs (id),
    -- As the admin entered it; matching uses email_normalized (trimmed, lower-cased).
    email            text        not null,
    email_normalized text        not null,
    name             text        not null,
    role             text        not null check (role in ('ADMIN', 'MEMBER')),
    seat             text        not null check (seat in ('RECORDING', 'VIEWER', 'NONE')),
    active           boolean     not null default true,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    deactivated_at   timestamptz,
    version          bigint      not null default 0
);
create unique index users_org_email_uq on users (org_id, email_normalized);
create index users_org_created_idx on users (org_id, created_at, id);

create table aircall_identities (
    id               uuid primary key,
    org_id           uuid        not null references orgs (id),
    user_id          uuid        not null references users (id),
    kind             text        not null check (kind in ('EMAIL', 'AIRCALL_USER_ID')),
    value            text        not null,
    value_normalized text        not null,
    created_at       timestamptz not null
);
-- One alias email or one Aircall user id belongs to one user of an org. That an alias never
-- equals another user's primary email is checked by the service under the org's row lock.
create unique index aircall_identities_org_kind_value_uq on aircall_identities (org_id, kind, value_normalized);
create index aircall_identities_user_idx on aircall_identities (user_id);
