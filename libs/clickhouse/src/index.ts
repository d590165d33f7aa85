export * from './chdb-session-pool';
export * from './clickhouse.client';
export * from './clickhouse.module';
export * from './clickhouse.readiness';
export * from './event-rows';
export * from './event-writer';
export * from './migration-runner';
export * from './migration-sql';
