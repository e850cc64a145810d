-- The decision log pages by keyset in the order it is shown, newest first: (started_at desc,
-- aircall_call_id desc), aircall_call_id breaking ties between calls that started together. Every
-- filter has an index ending in exactly that order, so a page (first or deep) reads about size + 1
-- entries of one index, and the bounded total reads at most 10,001, whatever the org's size.
-- The V1 indexes lacked the tie-breaker in that direction (they sorted ties ascending): replaced.
drop index call_decisions_org_started;
create index call_decisions_org_started on call_decisions (org_id, started_at desc, aircall_call_id desc);
drop index call_decisions_org_outcome;
create index call_decisions_org_outcome on call_decisions (org_id, outcome, started_at desc, aircall_call_id desc);
drop index call_decisions_org_email;
create index call_decisions_org_email on call_decisions (org_id, aircall_user_email_normalized, started_at desc,
    aircall_call_id desc);
-- The pending decisions of an org (the recheck counts them by start): in list order as well, or the
-- log's outcome=PENDING filter would be read through it and its ties sorted.
drop index call_decisions_pending;
create index call_decisions_pending on call_decisions (org_id, started_at desc, aircall_call_id desc)
    where outcome = 'PENDING';
-- Nothing filters on primary_reason: the reason filter matches any of a decision's reasons.
drop index call_decisions_org_reason;

-- The reason filter: a GIN index (call_decisions_reasons, kept for the replay's "any roster
-- reason") finds the rows but cannot give their order, so a page would sort all of the org's
-- decisions with that reason. One partial index per reason code gives the order instead. PostgreSQL
-- uses a partial index only when the query's predicate implies the index's at plan time, so the
-- query names the reason as a literal (an enum constant, never user text), written exactly as here.
-- A test checks that every Reason has its index.
-- Named call_decisions_org_reason_<code in lower case>.
do $$
declare
    code text;
begin
    foreach code in array array['SKIPPED_OUTSIDE_INTEGRATION_WINDOW', 'SKIPPED_TOO_SHORT', 'SKIPPED_NO_AIRCALL_USER',
                                'SKIPPED_EMAIL_NOT_MATCHED', 'SKIPPED_NO_RECORDING_SEAT', 'PENDING_RECORDING',
                                'SKIPPED_NO_RECORDING', 'PENDING_IN_PROGRESS', 'SKIPPED_NEVER_FINISHED',
                                'SKIPPED_DELETED_IN_AIRCALL']
    loop
        execute format('create index %I on call_decisions (org_id, started_at desc, aircall_call_id desc)'
                       || ' where reasons @> array[%L]::text[]', 'call_decisions_org_reason_' || lower(code), code);
    end loop;
end
$$;
