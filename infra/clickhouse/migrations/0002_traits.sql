-- Current traits of users (identify, or PostHog $set on any event) and accounts (group), one row per trait
-- key, newest value kept: `argMax(value, updated_at) ... GROUP BY key` reads a subject's merged traits without
-- scanning events. One table and one view for both kinds: every view on `events` costs each insert.
CREATE TABLE IF NOT EXISTS {{table traits}} {{on_cluster}}
(
    project_id UUID,
    kind       Enum8('user' = 1, 'account' = 2),
    subject_id String,
    key        String,
    value      String,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = {{engine traits ReplacingMergeTree(updated_at)}}
ORDER BY (project_id, kind, subject_id, key);

{{distributed traits cityHash64(project_id, subject_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS traits_mv {{on_cluster}} TO {{table traits}} AS
SELECT
    project_id,
    if(type = 'group', 'account', 'user') AS kind,
    if(type = 'group', account_id, user_id) AS subject_id,
    kv.1 AS key,
    kv.2 AS value,
    timestamp AS updated_at
FROM {{table events}}
ARRAY JOIN JSONExtractKeysAndValuesRaw(traits) AS kv
WHERE traits != '{}' AND subject_id != '';
