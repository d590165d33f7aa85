-- Rollups count actions (track, page, screen) by subject: the user id, or the anonymous id of a visitor who
-- has none, as the reports do. identify, group and alias calls carry traits, not usage. The views are
-- replaced and the rollups rebuilt from the events already stored. feature_daily gains each feature's first
-- use, so that adoption reports never scan events. The rebuild reads and writes the tables by their plain
-- names: on a cluster those are the Distributed tables, so every shard's events are read and each rollup row
-- lands on the shard its key belongs to.
DROP VIEW IF EXISTS activity_daily_mv {{on_cluster}};

DROP VIEW IF EXISTS feature_daily_mv {{on_cluster}};

TRUNCATE TABLE IF EXISTS {{table activity_daily}} {{on_cluster}};

TRUNCATE TABLE IF EXISTS {{table feature_daily}} {{on_cluster}};

ALTER TABLE {{table feature_daily}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS first_used SimpleAggregateFunction(min, DateTime64(3, 'UTC')) AFTER uses;

-- On a cluster the Distributed table needs the column too; on one server this is the same table, a no-op.
ALTER TABLE feature_daily {{on_cluster}}
    ADD COLUMN IF NOT EXISTS first_used SimpleAggregateFunction(min, DateTime64(3, 'UTC')) AFTER uses;

CREATE MATERIALIZED VIEW IF NOT EXISTS activity_daily_mv {{on_cluster}} TO {{table activity_daily}} AS
SELECT
    project_id,
    toDate(timestamp) AS day,
    account_id,
    if(user_id != '', user_id, anonymous_id) AS user_id,
    uniqExactState(event_id) AS events,
    uniqExactStateIf(feature, feature != '') AS features,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen
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
    max(timestamp) AS last_used
FROM {{table events}}
WHERE feature != ''
GROUP BY project_id, feature, day, account_id, user_id;

INSERT INTO activity_daily
SELECT
    project_id,
    toDate(timestamp) AS day,
    account_id,
    if(user_id != '', user_id, anonymous_id) AS user_id,
    uniqExactState(event_id) AS events,
    uniqExactStateIf(feature, feature != '') AS features,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen
FROM events
WHERE type IN ('track', 'page', 'screen')
GROUP BY project_id, day, account_id, user_id;

INSERT INTO feature_daily
SELECT
    project_id,
    feature,
    toDate(timestamp) AS day,
    account_id,
    if(user_id != '', user_id, anonymous_id) AS user_id,
    uniqExactState(event_id) AS uses,
    min(timestamp) AS first_used,
    max(timestamp) AS last_used
FROM events
WHERE feature != ''
GROUP BY project_id, feature, day, account_id, user_id;
