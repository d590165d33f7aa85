import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Global, Headers, Inject, Injectable, Module, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { Unauthorized } from '@bindery/contracts';

/** The app's Prometheus registry: one per app instance, so two apps in one process never collide. */
@Injectable()
export class MetricsRegistry extends Registry {
  constructor() {
    super();
    collectDefaultMetrics({ register: this });
  }
}

/** Compares in constant time, so the token cannot be guessed a character at a time. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    private readonly registry: MetricsRegistry,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  @Get('metrics')
  metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (this.config.metricsToken && !sameText(authorization ?? '', `Bearer ${this.config.metricsToken}`)) {
      throw Unauthorized('Metrics need METRICS_TOKEN as a Bearer token');
    }
    // Set once allowed: an error is answered as JSON.
    void reply.type('text/plain; version=0.0.4; charset=utf-8');
    return this.registry.metrics();
  }
}

/** Serves `GET /metrics` and lets every module register its own metrics. */
@Global()
@Module({ providers: [MetricsRegistry], controllers: [MetricsController], exports: [MetricsRegistry] })
export class MetricsModule {}
