-- The highest delivery version of each call applied here: ingestion's deliveries can arrive out of
-- order (retries, replicas), and an older one must not overwrite newer facts.
alter table calls add column delivery_version bigint not null default 0;
