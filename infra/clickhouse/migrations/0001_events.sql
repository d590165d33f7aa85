-- Every event, deduplicated on its id. A retry of an event carries the same id, name and (but for a client
-- retry straddling midnight UTC) day, so it has the same sorting key and FINAL / merges keep one copy.
CREATE TABLE IF NOT EXISTS {{table events}} {{on_cluster}}
(
    project_id      UUID,
    event_id        String,
    type            Enum8('track' = 1, 'identify' = 2, 'group' = 3, 'page' = 4, 'screen' = 5, 'alias' = 6),
    event           LowCardinality(String),
    feature         LowCardinality(String),
    timestamp       DateTime64(3, 'UTC'),
    received_at     DateTime64(3, 'UTC'),
    user_id         String,
    anonymous_id    String,
    account_id      String,
    session_id      String,
    properties      String CODEC(ZSTD(3)),
    context         String CODEC(ZSTD(3)),
    traits          String CODEC(ZSTD(3)),
    library_name    LowCardinality(String),
    library_version LowCardinality(String),
    source          LowCardinality(String),
    INDEX idx_user_id user_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_account_id account_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{engine events ReplacingMergeTree()}}
PARTITION BY toYYYYMM(timestamp)
ORDER BY (project_id, toDate(timestamp), event, event_id);

{{distributed events cityHash64(project_id, if(user_id != '', user_id, anonymous_id))}};
