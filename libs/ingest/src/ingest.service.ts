import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { ProjectKeysService } from '@bindery/auth';
import { EventWriter } from '@bindery/clickhouse';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import {
  DomainError,
  type EventRow,
  type EventSource,
  InvalidInput,
  PayloadTooLarge,
  RateLimited,
  type RejectedItem,
} from '@bindery/contracts';
import { MetricsRegistry, RateLimiter } from '@bindery/server';
import { type MappedItem } from './mapped-event';

export interface IngestOutcome {
  accepted: number;
  rejected: RejectedItem[];
}

/** A request's items, each mapped by the wire format's mapper once the project is known. */
export interface IngestRequest {
  source: EventSource;
  writeKey: string | undefined;
  items: unknown[];
  /** True for one-event endpoints: a refused item is the request's error, not a line in the answer. */
  single: boolean;
  map: (projectId: string, item: unknown, index: number) => MappedItem;
}

/** Authenticates a request's write key, stores its valid items (acknowledged only once inserted) and lists the others. */
@Injectable()
export class IngestService {
  private readonly accepted: Counter<'source'>;
  private readonly rejected: Counter<'source' | 'reason'>;
  readonly maxEventBytes: number;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly keys: ProjectKeysService,
    private readonly writer: EventWriter,
    metrics: MetricsRegistry,
    @Inject(BINDERY_CONFIG) config: BinderyConfig,
  ) {
    this.maxEventBytes = config.ingest.maxEventBytes;
    this.limiter = new RateLimiter(config.ingest.rateLimitPerSecond, 2 * config.ingest.rateLimitPerSecond);
    this.accepted = new Counter({
      name: 'bindery_ingest_accepted_events_total',
      help: 'Events acknowledged to clients',
      labelNames: ['source'],
      registers: [metrics],
    });
    this.rejected = new Counter({
      name: 'bindery_ingest_rejected_events_total',
      help: 'Events or requests refused, by reason',
      labelNames: ['source', 'reason'],
      registers: [metrics],
    });
  }

  async ingest(request: IngestRequest): Promise<IngestOutcome> {
    const { source } = request;
    let projectId: string;
    try {
      projectId = await this.keys.resolve(request.writeKey, 'write');
    } catch (error) {
      this.rejected.inc({ source, reason: 'unauthorized' }, request.items.length);
      throw error;
    }
    const rows: EventRow[] = [];
    const rejected: RejectedItem[] = [];
    request.items.forEach((item, index) => {
      const mapped = request.map(projectId, item, index);
      if (mapped.ok) rows.push(mapped.row);
      else rejected.push({ index, code: mapped.code, message: mapped.message });
    });
    for (const r of rejected) this.rejected.inc({ source, reason: r.code });
    if (rows.length === 0) throw this.nothingAccepted(rejected, request.single);
    try {
      const wait = this.limiter.take(projectId, rows.length);
      if (wait > 0) throw RateLimited('This project is sending events faster than its rate limit', wait);
      await this.writer.write(rows);
    } catch (error) {
      this.rejected.inc(
        { source, reason: error instanceof DomainError ? error.code : 'internal' },
        rows.length,
      );
      throw error;
    }
    this.accepted.inc({ source }, rows.length);
    return { accepted: rows.length, rejected };
  }

  /** The request's error when no item could be stored: 413 if an item was too large, else 400. */
  private nothingAccepted(rejected: RejectedItem[], single: boolean): DomainError {
    if (rejected.length === 0) return InvalidInput('The request holds no events');
    const tooLarge = rejected.find((r) => r.code === 'payload_too_large');
    const message = single
      ? rejected[0].message
      : `No event was accepted: item ${rejected[0].index}: ${rejected[0].message}`;
    const details = single ? { reason: rejected[0].code } : { rejected };
    return tooLarge ? PayloadTooLarge(message, details) : InvalidInput(message, details);
  }
}
