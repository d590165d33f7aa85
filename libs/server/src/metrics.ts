import { Controller, Get, Global, Header, Injectable, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** The app's Prometheus registry: one per app instance, so two apps in one process never collide. */
@Injectable()
export class MetricsRegistry extends Registry {
  constructor() {
    super();
    collectDefaultMetrics({ register: this });
  }
}

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Serves `GET /metrics` and lets every module register its own metrics. */
@Global()
@Module({ providers: [MetricsRegistry], controllers: [MetricsController], exports: [MetricsRegistry] })
export class MetricsModule {}
