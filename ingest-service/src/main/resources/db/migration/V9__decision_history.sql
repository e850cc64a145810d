-- The history of each decision: its first outcome, then every change of outcome or primary reason,
-- with what caused it. Written in the transaction of the decision itself.
create sequence call_decision_history_id_seq increment by 50;
create table call_decision_history (
    id              bigint      primary key default nextval('call_decision_history_id_seq'),
    org_id          uuid        not null,
    aircall_call_id bigint      not null,
    outcome         text        not null check (outcome in ('IMPORTED', 'SKIPPED', 'PENDING')),
    reason          text,
    decided_at      timestamptz not null,
    cause           text        not null check (cause in ('RUN', 'BACKFILL', 'REPLAY', 'RECHECK')),
    run_id          uuid
);
create index call_decision_history_call on call_decision_history (org_id, aircall_call_id, decided_at);

-- Decisions made before the history existed start it with their current state. Their earlier states
-- are unknown, and so is whether a pending re-check made them: the cause is their run's kind.
insert into call_decision_history (org_id, aircall_call_id, outcome, reason, decided_at, cause, run_id)
select d.org_id, d.aircall_call_id, d.outcome, d.primary_reason, d.decided_at,
       case when r.kind = 'SCHEDULED' or r.kind is null then 'RUN' else 'BACKFILL' end, d.run_id
from call_decisions d left join ingestion_runs r on r.id = d.run_id
order by d.org_id, d.aircall_call_id;
