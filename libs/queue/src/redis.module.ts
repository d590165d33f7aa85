import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';

/** Injection token of the shared ioredis connection (BullMQ workers open their own blocking ones). */
export const REDIS = Symbol('REDIS');

/** Ready when Redis answers PING. */
@Injectable()
export class RedisReadiness {
  readonly name = 'redis';
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async check(): Promise<void> {
    await this.redis.ping();
  }
}

/** Provides the Redis connection that queues and readiness use. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [BINDERY_CONFIG],
      useFactory: (config: BinderyConfig) => {
        const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, connectTimeout: 2_000 });
        const logger = new Logger('Redis');
        let lastError = '';
        redis.on('error', (error: Error) => {
          if (error.message !== lastError)
            logger.warn({ err: error }, `Redis at ${config.redisUrl}: ${error.message}`);
          lastError = error.message;
        });
        redis.on('ready', () => (lastError = ''));
        return redis;
      },
    },
    RedisReadiness,
  ],
  exports: [REDIS, RedisReadiness],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for a connection that may never come; only a connected client has anything to say goodbye to.
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}
