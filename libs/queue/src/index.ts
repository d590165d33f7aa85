export * from './redis.module';
export * from './queues';
export * from './queues.module';
export * from './embedded-redis';
