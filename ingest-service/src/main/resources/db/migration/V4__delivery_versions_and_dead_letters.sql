-- Every change of what visibility-service is told about a call gets a new version; visibility-service
-- keeps the highest version it applied and ignores older deliveries arriving late.
alter table call_decisions add column delivery_version bigint not null default 0;
update call_decisions set delivery_version = 1 where delivery_status <> 'NONE';

-- A claim: the replica that set it is delivering this version until then; the others skip the row.
alter table call_decisions add column delivery_claimed_until timestamptz;

-- A delivery visibility-service refused with a 4xx that no retry can fix waits, dead-lettered,
-- until the call's facts change (a new version) instead of being resent forever.
alter table call_decisions drop constraint call_decisions_delivery_status_check;
alter table call_decisions add constraint call_decisions_delivery_status_check
    check (delivery_status in ('NONE', 'PENDING', 'DELIVERED', 'DEAD_LETTERED'));
create index call_decisions_org_delivery on call_decisions (org_id, delivery_status) where delivery_status in ('PENDING', 'DEAD_LETTERED');

-- Deliveries of this run's decisions that visibility-service refused (incremented by the outbox).
alter table ingestion_runs add column delivery_dead_lettered bigint not null default 0;
