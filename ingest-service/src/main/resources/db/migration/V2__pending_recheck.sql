-- Pending decisions are re-checked a bounded number per run, least recently decided first; the run
-- reports how many it left for the next runs.
alter table ingestion_runs add column pending_remaining bigint not null default 0;
create index call_decisions_pending_recheck on call_decisions (org_id, decided_at, started_at) where outcome = 'PENDING';
