-- Event retention: every event, and every row derived from events, carries the time after which ClickHouse
-- deletes it (TTL, applied as parts are written and merged). Ingest sets it to the event's timestamp plus the
-- project's eventRetentionDays; a project that sets none keeps the default, the end of DateTime's range. The
-- views are replaced to carry the column through: a rollup row is kept as long as its newest event, a trait
-- as long as the event that set it. Rows stored before this migration keep the default, as no project had a
-- retention then. On a cluster the Distributed tables need the column too; on one server those statements
-- repeat the first, a no-op.
ALTER TABLE {{table events}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until DateTime('UTC') DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE events {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until DateTime('UTC') DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE {{table events}} {{on_cluster}} MODIFY TTL retain_until DELETE;

ALTER TABLE {{table traits}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until DateTime('UTC') DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE traits {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until DateTime('UTC') DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE {{table traits}} {{on_cluster}} MODIFY TTL retain_until DELETE;

ALTER TABLE {{table activity_daily}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until SimpleAggregateFunction(max, DateTime('UTC'))
    DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE activity_daily {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until SimpleAggregateFunction(max, DateTime('UTC'))
    DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE {{table activity_daily}} {{on_cluster}} MODIFY TTL retain_until DELETE;

ALTER TABLE {{table feature_daily}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until SimpleAggregateFunction(max, DateTime('UTC'))
    DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE feature_daily {{on_cluster}}
    ADD COLUMN IF NOT EXISTS retain_until SimpleAggregateFunction(max, DateTime('UTC'))
    DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC');

ALTER TABLE {{table feature_daily}} {{on_cluster}} MODIFY TTL retain_until DELETE;

DROP VIEW IF EXISTS traits_mv {{on_cluster}};

DROP VIEW IF EXISTS activity_daily_mv {{on_cluster}};

DROP VIEW IF EXISTS feature_daily_mv {{on_cluster}};

CREATE MATERIALIZED VIEW IF NOT EXISTS traits_mv {{on_cluster}} TO {{table traits}} AS
SELECT
    project_id,
    if(type = 'group', 'account', 'user') AS kind,
    if(type = 'group', account_id, user_id) AS subject_id,
    kv.1 AS key,
    kv.2 AS value,
    timestamp AS updated_at,
    retain_until
FROM {{table events}}
ARRAY JOIN JSONExtractKeysAndValuesRaw(traits) AS kv
WHERE traits != '{}' AND subject_id != '';

CREATE MATERIALIZED VIEW IF NOT EXISTS activity_daily_mv {{on_cluster}} TO {{table activity_daily}} AS
SELECT
    project_id,
    toDate(timestamp) AS day,
    account_id,
    if(user_id != '', user_id, anonymous_id) AS user_id,
    uniqExactState(event_id) AS events,
    uniqExactStateIf(feature, feature != '') AS features,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen,
    max(retain_until) AS retain_until
FROM {{table events}}
WHERE type IN ('track', 'page', 'screen')
GROUP BY project_id, day, account_id, user_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS feature_daily_mv {{on_cluster}} TO {{table feature_daily}} AS
SELECT
    project_id,
    feature,
    toDate(timestamp) AS day,
    account_id,
    if(user_id != '', user_id, anonymous_id) AS user_id,
    uniqExactState(event_id) AS uses,
    min(timestamp) AS first_used,
    max(timestamp) AS last_used,
    max(retain_until) AS retain_until
FROM {{table events}}
WHERE feature != ''
GROUP BY project_id, feature, day, account_id, user_id;
