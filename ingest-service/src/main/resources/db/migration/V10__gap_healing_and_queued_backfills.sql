-- Gap healing: when on, a reconnection queues a GAP_BACKFILL run of the disconnection gap.
alter table integrations add column auto_backfill_gaps boolean not null default false;

-- REPLAY is listed too so that the replay's migration need not rewrite this constraint again.
alter table ingestion_runs drop constraint ingestion_runs_kind_check;
alter table ingestion_runs add constraint ingestion_runs_kind_check
    check (kind in ('SCHEDULED', 'BACKFILL', 'GAP_BACKFILL', 'REPLAY'));

-- The older part of a gap longer than ingest.backfill.max-range, which a GAP_BACKFILL did not read.
alter table ingestion_runs add column not_backfilled_from timestamptz;
alter table ingestion_runs add column not_backfilled_to timestamptz;

-- The queue position of a waiting run, and the bound on an org's queued backfills.
create index ingestion_runs_org_queued on ingestion_runs (org_id, created_at, id) where status = 'QUEUED';
