export * from './event-time';
export * from './ingest.module';
export * from './ingest.service';
export * from './posthog.mapper';
export * from './segment.mapper';
