-- A replay is a run of its own kind, queued, claimed, leased and fenced like the others. The list
-- names every kind of this round (GAP_BACKFILL comes with gap healing), so that whichever of the
-- round's migrations runs last keeps them all.
alter table ingestion_runs drop constraint ingestion_runs_kind_check;
alter table ingestion_runs add constraint ingestion_runs_kind_check
    check (kind in ('SCHEDULED', 'BACKFILL', 'GAP_BACKFILL', 'REPLAY'));
create index ingestion_runs_org_kind_created on ingestion_runs (org_id, kind, created_at desc);

-- Which roster changes each replay re-decides. A change arriving while a replay waits (QUEUED) is
-- attached to it; a change whose replay failed is attached to the next one too, which skips the
-- decisions an earlier replay of the same change already re-decided (their run_id is that replay).
create table replay_changes (
    run_id    uuid not null references ingestion_runs (id),
    change_id uuid not null references roster_changes (id),
    primary key (run_id, change_id)
);
create index replay_changes_change on replay_changes (change_id, run_id);
