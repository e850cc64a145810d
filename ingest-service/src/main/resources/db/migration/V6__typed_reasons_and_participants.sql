-- Reasons and participants as typed arrays instead of ",A,B," and "id,id" text: a reason is found by
-- the GIN-indexed @> operator instead of LIKE over every row of the org, a malformed participant id
-- is a type error on write, and a decision stays one row (no join to read a page of the log).
alter table call_decisions alter column reasons drop default;
alter table call_decisions alter column reasons type text[]
    using array_remove(string_to_array(reasons, ','), '');
alter table call_decisions alter column reasons set default '{}';

alter table call_decisions alter column participant_user_ids drop default;
alter table call_decisions alter column participant_user_ids type uuid[]
    using cast(array_remove(string_to_array(participant_user_ids, ','), '') as uuid[]);
alter table call_decisions alter column participant_user_ids set default '{}';

create index call_decisions_reasons on call_decisions using gin (reasons);
create index call_decisions_participants on call_decisions using gin (participant_user_ids);

-- The decisions a roster change can alter (skipped ones; imported calls are never taken back) are
-- found by the Aircall user on the call, its email (call_decisions_org_email) or the Airspeed user
-- it matched: each an index lookup, however large the org's log.
create index call_decisions_skipped_aircall_user on call_decisions (org_id, aircall_user_id) where outcome = 'SKIPPED';
create index call_decisions_skipped_owner on call_decisions (org_id, owner_user_id) where outcome = 'SKIPPED';
