import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { BINDERY_CONFIG, type BinderyConfig, type IngestConfig } from '@bindery/config';
import { DomainError, Unavailable, type EventRow } from '@bindery/contracts';
import { MetricsRegistry } from '@bindery/server';
import { CLICKHOUSE, insertEncoded } from './clickhouse.client';
import { EVENT_COLUMNS, encodeEventRows } from './event-rows';

interface Waiter {
  /** The project whose request this is (a request's rows all belong to one), for the log. */
  projectId: string;
  events: number;
  /** The request's rows, encoded as they arrive so that a flush only joins bytes. */
  body: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * ClickHouse errors that say nothing about the rows: the engine is down, busy, out of memory or space, or the
 * deployment is wrong. Any other error of the engine is read as the data's fault.
 */
const NOT_THE_DATA = new Set([
  16, // NO_SUCH_COLUMN_IN_TABLE
  47, // UNKNOWN_IDENTIFIER
  60, // UNKNOWN_TABLE
  62, // SYNTAX_ERROR
  74, // CANNOT_READ_FROM_FILE_DESCRIPTOR
  75, // CANNOT_WRITE_TO_FILE_DESCRIPTOR
  76, // CANNOT_OPEN_FILE
  81, // UNKNOWN_DATABASE
  159, // TIMEOUT_EXCEEDED
  160, // TOO_SLOW
  164, // READONLY
  173, // CANNOT_ALLOCATE_MEMORY
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  225, // NO_ZOOKEEPER
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  243, // NOT_ENOUGH_SPACE
  244, // UNEXPECTED_ZOOKEEPER_ERROR
  252, // TOO_MANY_PARTS (but for too many partitions in one insert: see blamesTheData)
  285, // TOO_FEW_LIVE_REPLICAS
  286, // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
  319, // UNKNOWN_STATUS_OF_INSERT
  394, // QUERY_WAS_CANCELLED
  425, // SYSTEM_ERROR
  439, // CANNOT_SCHEDULE_TASK
  497, // ACCESS_DENIED
  516, // AUTHENTICATION_FAILED
  999, // KEEPER_EXCEPTION
  1000, // POCO_EXCEPTION
  1001, // STD_EXCEPTION
  1002, // UNKNOWN_EXCEPTION
]);

/**
 * ClickHouse's error code: chDB's errors carry it as `clickhouseCode`, a server's answer as `code` (digits), and
 * both write it in the message ("Code: 25. DB::Exception: …").
 */
function engineCode(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, clickhouseCode } = error as { code?: unknown; clickhouseCode?: unknown };
  if (typeof clickhouseCode === 'number') return clickhouseCode;
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  const written = /\bCode: (\d+)\. DB::Exception/.exec(error.message);
  return written ? Number(written[1]) : undefined;
}

/**
 * True when the engine refused the rows themselves (unparseable, out of range, too many partitions), so that
 * the same rows would fail again; false for a connection error, a timeout or an engine that is unwell.
 */
export function blamesTheData(error: unknown): boolean {
  const code = engineCode(error);
  if (code === undefined) return false;
  if (code === 252) return /partitions for (a )?single INSERT block/i.test((error as Error).message);
  return !NOT_THE_DATA.has(code);
}

/** The engine's reason, without its code prefix, short enough for an answer. */
function engineReason(error: unknown): string {
  const [line = ''] = (error instanceof Error ? error.message : String(error)).split('\n', 1);
  const reason = line.replace(/^.*?\bCode: \d+\. DB::Exception: /, '').trim();
  return reason.length > 300 ? `${reason.slice(0, 300)}…` : reason;
}

/** Months between two times, both counted: the partitions (`toYYYYMM(timestamp)`) an insert may touch. */
const monthsSpanned = (from: number, to: number): number => {
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
};

/**
 * Group commit into the events table: concurrent requests share one insert, and each request's promise
 * settles only when the insert holding its rows is accepted (or fails). Memory is bounded: past
 * `maxBufferedEvents` waiting or in flight, writes are refused with 503 instead of queued. A request whose rows
 * the engine refuses fails alone: the writer halves a refused insert until it has found the requests at fault,
 * answers those 422 and stores the others.
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
  private readonly refused: Counter;

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
    this.refused = new Counter({
      name: 'bindery_ingest_refused_requests_total',
      help: 'Requests whose events ClickHouse refused as bad data (answered 422; the other requests of their insert stored)',
      registers: [metrics],
    });
    const depth: Gauge = new Gauge({
      name: 'bindery_ingest_buffered_events',
      help: 'Events waiting for or inside an insert',
      registers: [metrics],
      collect: () => depth.set(this.depth),
    });
  }

  /**
   * Resolves once ClickHouse has accepted an insert holding all of `rows`, which ClickHouse deletes
   * `retentionDays` after their timestamps (never when null).
   */
  write(rows: EventRow[], retentionDays: number | null = null): Promise<void> {
    const [first] = rows;
    if (first === undefined) return Promise.resolve();
    if (this.closing) return Promise.reject(Unavailable('Ingest is shutting down', 1));
    if (this.queuedEvents + this.inFlightEvents + rows.length > this.limits.maxBufferedEvents) {
      return Promise.reject(Unavailable('Ingest is at capacity; retry shortly', 1));
    }
    const body = encodeEventRows(rows, retentionDays);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ projectId: first.project_id, events: rows.length, body, resolve, reject });
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
    for (
      let waiter = this.queue[0];
      waiter && (batch.length === 0 || events + waiter.events <= this.limits.flushEvents);
      waiter = this.queue[0]
    ) {
      this.queue.shift();
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
    try {
      await this.store(batch);
    } finally {
      this.inFlightInserts--;
      this.inFlightEvents -= events;
      if (this.queue.length > 0) this.flush();
      else if (this.depth === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /**
   * Inserts the requests of `batch` in one insert and settles each. When the engine refuses the rows, the
   * requests at fault are found by halving (a bad request among n costs about 2·log2(n) more inserts) and
   * answered 422; the others are stored. A repeated row is harmless: rows keep their event id, deduplicated.
   */
  private async store(batch: Waiter[]): Promise<void> {
    const events = batch.reduce((n, w) => n + w.events, 0);
    const failure = await this.tryInsert(batch, events);
    if (failure === undefined) {
      for (const w of batch) w.resolve();
    } else if (!blamesTheData(failure.cause)) {
      this.logger.error({ err: failure.cause, events, requests: batch.length }, 'ClickHouse insert failed');
      for (const w of batch) w.reject(Unavailable('The event store did not accept the insert; retry', 1));
    } else if (batch.length === 1 && batch[0]) {
      const w = batch[0];

      this.refused.inc();
      this.logger.warn(
        { err: failure.cause, projectId: w.projectId, events },
        "ClickHouse refused a request's events; the request is answered 422",
      );
      w.reject(
        new DomainError(
          'unprocessable',
          `The event store refused this request's events: ${engineReason(failure.cause)}`,
          { engineCode: engineCode(failure.cause) },
        ),
      );
    } else {
      const half = Math.ceil(batch.length / 2);
      await this.store(batch.slice(0, half));
      await this.store(batch.slice(half));
    }
  }

  /** One insert of the requests' rows; the engine's error (as `cause`) if it refused them. */
  private async tryInsert(batch: Waiter[], events: number): Promise<{ cause: unknown } | undefined> {
    const stop = this.insertSeconds.startTimer();
    try {
      await insertEncoded(this.client, {
        table: 'events',
        columns: EVENT_COLUMNS,
        format: 'JSONCompactEachRow',
        chunks: batch.map((w) => w.body),
        settings: {
          // The rollup views of `events` run side by side instead of one after another.
          parallel_view_processing: 1,
          // A historical import spans many months, each a partition: as many as ingest accepts (ClickHouse's
          // default of 100 would refuse a batch spanning more than eight years).
          max_partitions_per_insert_block: this.partitionsAccepted(),
        },
      });
    } catch (cause) {
      return { cause };
    }
    stop();
    this.batchSize.observe(events);
    this.inserted.inc(events);
    return undefined;
  }

  /** The months an event may fall in, from the earliest time ingest accepts to the latest (at least 100). */
  private partitionsAccepted(): number {
    const latest = Date.now() + this.limits.maxFutureSeconds * 1000;
    return Math.max(100, monthsSpanned(this.limits.minTimestamp, latest));
  }
}
