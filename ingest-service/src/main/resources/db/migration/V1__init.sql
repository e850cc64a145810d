-- The Aircall integration of an org. Credentials are AES-GCM ciphertexts (iv || ciphertext+tag),
-- wiped when an admin disconnects.
create table integrations (
    org_id                 uuid primary key,
    api_id_cipher          bytea,
    api_token_cipher       bytea,
    status                 text        not null check (status in ('CONNECTED', 'DISCONNECTED', 'BROKEN')),
    first_connected_at     timestamptz not null,
    connected_at           timestamptz,
    disconnected_at        timestamptz,
    broken_since           timestamptz,
    broken_reason          text,
    -- The checkpoint: every call that started before this instant has been read at least once.
    scanned_until          timestamptz,
    last_successful_run_at timestamptz,
    updated_at             timestamptz not null,
    version                bigint      not null default 0
);

-- When the integration was connected; a call counts for rule 6 by the instant it started.
create table connection_windows (
    id          uuid primary key,
    org_id      uuid        not null references integrations (org_id),
    opened_at   timestamptz not null,
    closed_at   timestamptz,
    close_cause text
);
create unique index connection_windows_one_open on connection_windows (org_id) where closed_at is null;
create index connection_windows_org on connection_windows (org_id, opened_at);

create table ingestion_runs (
    id                uuid primary key,
    org_id            uuid        not null,
    kind              text        not null check (kind in ('SCHEDULED', 'BACKFILL')),
    status            text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    trigger           text        not null,
    window_from       timestamptz not null,
    window_to         timestamptz not null,
    -- Progress: calls of the window that started before this instant are decided and committed.
    cursor_at         timestamptz not null,
    fetched           bigint      not null default 0,
    aircall_total     bigint,
    aircall_requests  bigint      not null default 0,
    throttled         bigint      not null default 0,
    retries           bigint      not null default 0,
    pending_rechecked bigint      not null default 0,
    delivery_pending  bigint      not null default 0,
    counts_json       text        not null default '{}',
    error             text,
    created_at        timestamptz not null,
    heartbeat_at      timestamptz not null,
    finished_at       timestamptz,
    version           bigint      not null default 0
);
create index ingestion_runs_org_created on ingestion_runs (org_id, created_at desc);
create index ingestion_runs_running on ingestion_runs (org_id) where status = 'RUNNING';

-- One run per org at a time, across replicas: whoever holds an unexpired lease runs.
create table org_leases (
    org_id     uuid primary key,
    run_id     uuid        not null,
    expires_at timestamptz not null
);

-- The decision log: exactly one current decision per (org, Aircall call).
create table call_decisions (
    org_id                 uuid        not null,
    aircall_call_id        bigint      not null,
    outcome                text        not null check (outcome in ('IMPORTED', 'SKIPPED', 'PENDING')),
    primary_reason         text,
    reasons                text        not null default '',
    aircall_status         text,
    started_at             timestamptz not null,
    ended_at               timestamptz,
    duration_seconds       integer     not null,
    direction              text,
    aircall_user_id        bigint,
    aircall_user_email     text,
    aircall_user_email_normalized text,
    recording_present      boolean     not null,
    missed_call_reason     text,
    external_number        text,
    aircall_link           text,
    asset_link             text,
    owner_user_id          uuid,
    participant_user_ids   text        not null default '',
    first_seen_at          timestamptz not null,
    decided_at             timestamptz not null,
    run_id                 uuid        not null,
    -- The outbox towards visibility-service, for imported calls.
    delivery_status        text        not null check (delivery_status in ('NONE', 'PENDING', 'DELIVERED')),
    delivery_attempts      integer     not null default 0,
    next_delivery_at       timestamptz,
    last_delivery_error    text,
    delivered_at           timestamptz,
    primary key (org_id, aircall_call_id)
);
create index call_decisions_org_started on call_decisions (org_id, started_at desc, aircall_call_id);
create index call_decisions_org_outcome on call_decisions (org_id, outcome, started_at desc);
create index call_decisions_org_reason on call_decisions (org_id, primary_reason, started_at desc);
create index call_decisions_org_email on call_decisions (org_id, aircall_user_email_normalized, started_at desc);
create index call_decisions_pending on call_decisions (org_id, started_at) where outcome = 'PENDING';
create index call_decisions_delivery_due on call_decisions (next_delivery_at) where delivery_status = 'PENDING';
