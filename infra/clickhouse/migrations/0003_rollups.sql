-- Rollups that rules read instead of scanning raw events for all time. Event counts are distinct event ids,
-- so a retried event counts once here as in the events table. activity_daily also answers "last seen" per
-- user or account (max(last_seen)) and which users belong to which account; every extra view on `events`
-- adds a fixed cost to each insert, so there are only two.
CREATE TABLE IF NOT EXISTS {{table activity_daily}} {{on_cluster}}
(
    project_id UUID,
    day        Date,
    account_id String,
    user_id    String,
    events     AggregateFunction(uniqExact, String),
    features   AggregateFunction(uniqExact, String),
    first_seen SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_seen  SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = {{engine activity_daily AggregatingMergeTree()}}
PARTITION BY toYYYYMM(day)
ORDER BY (project_id, day, account_id, user_id);

{{distributed activity_daily cityHash64(project_id, account_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS activity_daily_mv {{on_cluster}} TO {{table activity_daily}} AS
SELECT
    project_id,
    toDate(timestamp) AS day,
    account_id,
    user_id,
    uniqExactState(event_id) AS events,
    uniqExactStateIf(feature, feature != '') AS features,
    min(timestamp) AS first_seen,
    max(timestamp) AS last_seen
FROM {{table events}}
GROUP BY project_id, day, account_id, user_id;

CREATE TABLE IF NOT EXISTS {{table feature_daily}} {{on_cluster}}
(
    project_id UUID,
    feature    String,
    day        Date,
    account_id String,
    user_id    String,
    uses       AggregateFunction(uniqExact, String),
    last_used  SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = {{engine feature_daily AggregatingMergeTree()}}
PARTITION BY toYYYYMM(day)
ORDER BY (project_id, feature, day, account_id, user_id);

{{distributed feature_daily cityHash64(project_id, account_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS feature_daily_mv {{on_cluster}} TO {{table feature_daily}} AS
SELECT
    project_id,
    feature,
    toDate(timestamp) AS day,
    account_id,
    user_id,
    uniqExactState(event_id) AS uses,
    max(timestamp) AS last_used
FROM {{table events}}
WHERE feature != ''
GROUP BY project_id, feature, day, account_id, user_id;
