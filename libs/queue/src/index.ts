export * from './redis.module';
export * from './queues';
export * from './queues.module';
export * from './job-producer';
export * from './job-processor';
export * from './job-routes';
export * from './embedded-redis';
