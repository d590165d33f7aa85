import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
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
      useFactory: (config: BinderyConfig) =>
        new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false, connectTimeout: 2_000 }),
    },
    RedisReadiness,
  ],
  exports: [REDIS, RedisReadiness],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
