import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { BINDERY_CONFIG, type BinderyConfig, type IngestConfig } from '@bindery/config';
import { Unavailable, type EventRow } from '@bindery/contracts';
import { MetricsRegistry } from '@bindery/server';
import { CLICKHOUSE, insertEncoded } from './clickhouse.client';
import { EVENT_COLUMNS, encodeEventRows } from './event-rows';

interface Waiter {
  events: number;
  /** The request's rows, encoded as they arrive so that a flush only joins bytes. */
  body: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit into the events table: concurrent requests share one insert, and each request's promise
 * settles only when the insert holding its rows is accepted (or fails). Memory is bounded: past
 * `maxBufferedEvents` waiting or in flight, writes are refused with 503 instead of queued.
 */
@Injectable()
export class EventWriter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventWriter.name);
  private readonly limits: IngestConfig;
  private queue: Waiter[] = [];
  private queuedEvents = 0;
  private inFlightEvents = 0;
  private inFlightInserts = 0;
  private timer: NodeJS.Timeout | undefined;
  private closing = false;
  private idle: (() => void)[] = [];
  private readonly insertSeconds: Histogram;
  private readonly batchSize: Histogram;
  private readonly inserted: Counter;

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(BINDERY_CONFIG) config: BinderyConfig,
    metrics: MetricsRegistry,
  ) {
    this.limits = config.ingest;
    this.insertSeconds = new Histogram({
      name: 'bindery_ingest_insert_seconds',
      help: 'Time for ClickHouse to accept one group-commit insert',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [metrics],
    });
    this.batchSize = new Histogram({
      name: 'bindery_ingest_insert_events',
      help: 'Events per group-commit insert',
      buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000, 25000],
      registers: [metrics],
    });
    this.inserted = new Counter({
      name: 'bindery_ingest_inserted_events_total',
      help: 'Events ClickHouse accepted',
      registers: [metrics],
    });
    const depth: Gauge = new Gauge({
      name: 'bindery_ingest_buffered_events',
      help: 'Events waiting for or inside an insert',
      registers: [metrics],
      collect: () => depth.set(this.depth),
    });
  }

  /** Resolves once ClickHouse has accepted an insert holding all of `rows`. */
  write(rows: EventRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    if (this.closing) return Promise.reject(Unavailable('Ingest is shutting down', 1));
    if (this.queuedEvents + this.inFlightEvents + rows.length > this.limits.maxBufferedEvents) {
      return Promise.reject(Unavailable('Ingest is at capacity; retry shortly', 1));
    }
    const body = encodeEventRows(rows);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ events: rows.length, body, resolve, reject });
      this.queuedEvents += rows.length;
      if (this.queuedEvents >= this.limits.flushEvents) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.limits.flushIntervalMs);
    });
  }

  /** Events accepted but not yet inserted, or being inserted. */
  get depth(): number {
    return this.queuedEvents + this.inFlightEvents;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.flush();
    if (this.depth > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 && this.inFlightInserts < this.limits.maxConcurrentInserts) {
      const batch = this.take();
      void this.insert(batch);
    }
  }

  /** Takes whole requests up to `flushEvents` rows (always at least one request). */
  private take(): Waiter[] {
    const batch: Waiter[] = [];
    let events = 0;
    while (
      this.queue.length > 0 &&
      (batch.length === 0 || events + this.queue[0].events <= this.limits.flushEvents)
    ) {
      const waiter = this.queue.shift() as Waiter;
      batch.push(waiter);
      events += waiter.events;
    }
    this.queuedEvents -= events;
    this.inFlightEvents += events;
    return batch;
  }

  private async insert(batch: Waiter[]): Promise<void> {
    const events = batch.reduce((n, w) => n + w.events, 0);
    this.inFlightInserts++;
    const stop = this.insertSeconds.startTimer();
    try {
      await insertEncoded(this.client, {
        table: 'events',
        columns: EVENT_COLUMNS,
        format: 'JSONCompactEachRow',
        chunks: batch.map((w) => w.body),
        // The rollup views of `events` run side by side instead of one after another.
        settings: { parallel_view_processing: 1 },
      });
      stop();
      this.batchSize.observe(events);
      this.inserted.inc(events);
      for (const w of batch) w.resolve();
    } catch (error) {
      this.logger.error({ err: error, events }, 'ClickHouse insert failed');
      for (const w of batch) w.reject(Unavailable('The event store did not accept the insert; retry', 1));
    } finally {
      this.inFlightInserts--;
      this.inFlightEvents -= events;
      if (this.queue.length > 0) this.flush();
      else if (this.depth === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
