-- Runs are queued by the trigger and claimed by any replica's worker (FOR UPDATE SKIP LOCKED),
-- so a trigger for every org spreads them over the replicas with a bounded number per replica.
alter table ingestion_runs drop constraint ingestion_runs_status_check;
alter table ingestion_runs add constraint ingestion_runs_status_check
    check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'));
-- Which replica's worker claimed the run, and when (null while QUEUED).
alter table ingestion_runs add column claimed_by text;
alter table ingestion_runs add column started_at timestamptz;
create index ingestion_runs_queued on ingestion_runs (created_at) where status = 'QUEUED';

-- A 401/403 breaks the integration only when it answered the credentials still stored: a run
-- holding the key of before a reconnect must not break the new connection.
alter table integrations add column credentials_version bigint not null default 0;
