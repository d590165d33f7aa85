-- Current traits of users (identify, or PostHog $set on any event) and accounts (group), one row per trait key, newest value kept:
-- `argMax(value, updated_at) ... GROUP BY key` reads a subject's merged traits without scanning events.
CREATE TABLE IF NOT EXISTS {{table user_traits}} {{on_cluster}}
(
    project_id UUID,
    user_id    String,
    key        String,
    value      String,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = {{engine user_traits ReplacingMergeTree(updated_at)}}
ORDER BY (project_id, user_id, key);

{{distributed user_traits cityHash64(project_id, user_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS user_traits_mv {{on_cluster}} TO {{table user_traits}} AS
SELECT project_id, user_id, kv.1 AS key, kv.2 AS value, timestamp AS updated_at
FROM {{table events}}
ARRAY JOIN JSONExtractKeysAndValuesRaw(traits) AS kv
WHERE type != 'group' AND user_id != '' AND traits != '{}';

CREATE TABLE IF NOT EXISTS {{table account_traits}} {{on_cluster}}
(
    project_id UUID,
    account_id String,
    key        String,
    value      String,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = {{engine account_traits ReplacingMergeTree(updated_at)}}
ORDER BY (project_id, account_id, key);

{{distributed account_traits cityHash64(project_id, account_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS account_traits_mv {{on_cluster}} TO {{table account_traits}} AS
SELECT project_id, account_id, kv.1 AS key, kv.2 AS value, timestamp AS updated_at
FROM {{table events}}
ARRAY JOIN JSONExtractKeysAndValuesRaw(traits) AS kv
WHERE type = 'group' AND account_id != '';

-- Which account each user belongs to, learnt from group calls and from events that carry both ids.
CREATE TABLE IF NOT EXISTS {{table user_accounts}} {{on_cluster}}
(
    project_id UUID,
    user_id    String,
    account_id String,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = {{engine user_accounts ReplacingMergeTree(updated_at)}}
ORDER BY (project_id, user_id, account_id);

{{distributed user_accounts cityHash64(project_id, user_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS user_accounts_mv {{on_cluster}} TO {{table user_accounts}} AS
SELECT project_id, user_id, account_id, max(timestamp) AS updated_at
FROM {{table events}}
WHERE user_id != '' AND account_id != ''
GROUP BY project_id, user_id, account_id;
