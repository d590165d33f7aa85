-- Identity links (docs/analytics.md, People): each identify and alias call that carries a user id, as the id
-- it links (empty when it links none) and the user id. Every report resolves persons from these rows; read
-- from events, the calls of each day cost a few granules of that day's rows, from this table a few rows per
-- linked person. A view fills it as events are written, and the links of the events already stored are
-- copied once. A call stored twice (a retry) gives its link twice, which changes no merge; the engine keeps
-- one copy in time. Each row is kept as long as its event (event retention, migration 0005).
CREATE TABLE IF NOT EXISTS {{table identity_links}} {{on_cluster}}
(
    project_id   UUID,
    from_id      String,
    to_id        String,
    timestamp    DateTime64(3, 'UTC'),
    retain_until DateTime('UTC') DEFAULT toDateTime('2106-01-01 00:00:00', 'UTC')
)
ENGINE = {{engine identity_links ReplacingMergeTree()}}
PARTITION BY toYYYYMM(timestamp)
ORDER BY (project_id, to_id, from_id, timestamp)
TTL retain_until DELETE;

{{distributed identity_links cityHash64(project_id, to_id)}};

-- The linked id: an identify's anonymous id (Segment, RudderStack; PostHog's $anon_distinct_id, which ingest
-- stores as the anonymous id), an alias's previousId (Segment, RudderStack; PostHog's $create_alias, which
-- ingest stores as an alias).
CREATE MATERIALIZED VIEW IF NOT EXISTS identity_links_mv {{on_cluster}} TO {{table identity_links}} AS
SELECT
    project_id,
    if(type = 'identify', anonymous_id, JSONExtractString(properties, 'previousId')) AS from_id,
    user_id AS to_id,
    timestamp,
    retain_until
FROM {{table events}}
WHERE user_id != ''
  AND ((type = 'identify' AND event = '$identify') OR (type = 'alias' AND event IN ('$alias', '$create_alias')));

INSERT INTO identity_links (project_id, from_id, to_id, timestamp, retain_until)
SELECT
    project_id,
    if(type = 'identify', anonymous_id, JSONExtractString(properties, 'previousId')) AS from_id,
    user_id AS to_id,
    timestamp,
    retain_until
FROM events
WHERE user_id != ''
  AND ((type = 'identify' AND event = '$identify') OR (type = 'alias' AND event IN ('$alias', '$create_alias')));
