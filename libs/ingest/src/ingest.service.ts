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
  MAX_BATCH_ITEMS,
  MAX_LISTED_REJECTIONS,
  PayloadTooLarge,
  RateLimited,
  type RejectedItem,
} from '@bindery/contracts';
import { MetricsRegistry, RateLimiter } from '@bindery/server';
import { type TimeBounds } from './event-time';
import { type MappedItem, withinTimeBounds } from './mapped-event';
import { SurveyEventGate } from './survey-events';
import { RetentionDays } from './retention-days';
import { SuppressedIds } from './suppressed-ids';

export interface IngestOutcome {
  accepted: number;
  rejected: RejectedItem[];
  /** All refused items, when there are more than the answer lists. */
  rejectedCount?: number;
}

/** The refused items an answer lists: all of them, or the first ones and how many there were. */
function listed(rejected: RejectedItem[]): Pick<IngestOutcome, 'rejected' | 'rejectedCount'> {
  return rejected.length > MAX_LISTED_REJECTIONS
    ? { rejected: rejected.slice(0, MAX_LISTED_REJECTIONS), rejectedCount: rejected.length }
    : { rejected };
}

/** How many items were refused for each reason. */
function countByCode(rejected: RejectedItem[]): Record<string, number> {
  const byCode: Record<string, number> = {};
  for (const r of rejected) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
  return byCode;
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
  private readonly timeBounds: TimeBounds;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly keys: ProjectKeysService,
    private readonly writer: EventWriter,
    private readonly surveyEvents: SurveyEventGate,
    private readonly suppressedIds: SuppressedIds,
    private readonly retentionDays: RetentionDays,
    metrics: MetricsRegistry,
    @Inject(BINDERY_CONFIG) config: BinderyConfig,
  ) {
    this.maxEventBytes = config.ingest.maxEventBytes;
    this.timeBounds = config.ingest;
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
    if (request.items.length > MAX_BATCH_ITEMS) {
      this.rejected.inc({ source, reason: 'too_many_items' }, request.items.length);
      throw PayloadTooLarge(
        `A request holds at most ${MAX_BATCH_ITEMS} events; this one holds ${request.items.length}`,
      );
    }
    let projectId: string;
    try {
      projectId = await this.keys.resolve(request.writeKey, 'write');
    } catch (error) {
      this.rejected.inc({ source, reason: 'unauthorized' }, request.items.length);
      throw error;
    }
    const valid: EventRow[] = [];
    const indexes: number[] = [];
    const rejected: RejectedItem[] = [];
    request.items.forEach((item, index) => {
      const mapped = withinTimeBounds(request.map(projectId, item, index), this.timeBounds);
      if (mapped.ok) {
        valid.push(mapped.row);
        indexes.push(index);
      } else rejected.push({ index, code: mapped.code, message: mapped.message });
    });
    const refusedSurveyEvents = await this.surveyEvents.screen(projectId, valid);
    const rows = refusedSurveyEvents.size === 0 ? valid : valid.filter((_, i) => !refusedSurveyEvents.has(i));
    for (const [i, r] of refusedSurveyEvents) rejected.push({ index: indexes[i]!, ...r });
    rejected.sort((a, b) => a.index - b.index);
    for (const r of rejected) this.rejected.inc({ source, reason: r.code });
    if (rows.length === 0) throw this.nothingAccepted(rejected, request.single);
    try {
      const wait = this.limiter.take(projectId, rows.length);
      if (wait > 0) throw RateLimited('This project is sending events faster than its rate limit', wait);
      // A deleted person's events are acknowledged, so their SDK stops sending them, and never stored.
      const { rows: kept, dropped } = await this.suppressedIds.filter(projectId, rows);
      if (dropped > 0) this.rejected.inc({ source, reason: 'person_suppressed' }, dropped);
      if (kept.length > 0) await this.writer.write(kept, await this.retentionDays.of(projectId));
    } catch (error) {
      this.rejected.inc(
        { source, reason: error instanceof DomainError ? error.code : 'internal' },
        rows.length,
      );
      throw error;
    }
    this.accepted.inc({ source }, rows.length);
    return { accepted: rows.length, ...listed(rejected) };
  }

  /** The request's error when no item could be stored: 413 if an item was too large, else 400. */
  private nothingAccepted(rejected: RejectedItem[], single: boolean): DomainError {
    const [first] = rejected;
    if (first === undefined) return InvalidInput('The request holds no events');
    const tooLarge = rejected.find((r) => r.code === 'payload_too_large');
    const message = single ? first.message : `No event was accepted: item ${first.index}: ${first.message}`;
    const details = single ? { reason: first.code } : { ...listed(rejected), byCode: countByCode(rejected) };
    return tooLarge ? PayloadTooLarge(message, details) : InvalidInput(message, details);
  }
}
