import { backoff, judge, type Verdict } from './retry';
import { type Answer, type Logger, type Message, type Platform } from './types';
import { utf8Length } from './utf8';

/** What ingest adds to an event's properties, context and traits when it checks them against its limit. */
export const INGEST_EVENT_OVERHEAD = 512;
/** Browsers allow 64 KiB of keepalive bodies (fetch keepalive and sendBeacon) in flight per page; some is left to the app. */
export const KEEPALIVE_BYTES = 60_000;

/** The client's options, resolved, and the URL of `/v1/batch`. */
export interface DeliveryConfig {
  url: string;
  writeKey: string;
  flushAt: number;
  flushInterval: number;
  maxBatchBytes: number;
  maxEventBytes: number;
  maxQueueSize: number;
  maxRetries: number;
  minRetryDelay: number;
  maxRetryDelay: number;
  requestTimeout: number;
}

/** An event as it will be sent: its JSON is made once, so a retry sends the same bytes under the same id. */
interface Item {
  seq: number;
  json: string;
  bytes: number;
}

/** A timer that keeps Node's process alive only when asked to (a retry wait does, the flush interval does not). */
function later(fn: () => void, ms: number, keepAlive: boolean): ReturnType<typeof setTimeout> {
  const timer = setTimeout(fn, ms);
  if (!keepAlive) (timer as { unref?: () => void }).unref?.();
  return timer;
}

/**
 * The queue between the calls and ingest: batches by count, bytes and interval, one request in flight at a
 * time, oldest events first. A failed batch goes back to the front of the queue with the same ids, so a retry
 * neither loses an event nor sends one under a new id; ingest stores a repeated id once.
 */
export class Delivery {
  private queue: Item[] = [];
  private inFlight: Item[] = [];
  private inFlightBytes = 0;
  private queuedBytes = 0;
  private seq = 0;
  /** Events up to this number are sent now, without waiting for `flushAt` or the interval. */
  private dueUpTo = 0;
  /** The body limit, halved each time ingest answers 413 to a batch of several events. */
  private byteLimit: number;
  private readonly envelopeBytes: number;
  /** After a 413, the next batch is the first half of the refused one. */
  private nextBatchCount = Infinity;
  private failures = 0;
  private running = false;
  private stopped = false;
  private full = false;
  private saving = false;
  /** Counts `clear()` calls, so that a batch in flight when the queue was cleared is not put back. */
  private generation = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private wake?: () => void;
  private abort?: AbortController;
  private waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(
    private readonly config: DeliveryConfig,
    private readonly platform: Platform,
    private readonly log: Logger,
  ) {
    this.byteLimit = config.maxBatchBytes;
    this.envelopeBytes = utf8Length(this.body([]));
    for (const json of platform.store?.load() ?? []) this.push(json, utf8Length(json));
    this.dueUpTo = this.seq;
  }

  /** Events queued or in flight. */
  get pending(): number {
    return this.queue.length + this.inFlight.length;
  }

  /** Starts sending what earlier pages left behind. */
  start(): void {
    if (this.queue.length) this.changed();
    this.schedule();
  }

  /** Queues an event, unless it is larger than ingest would accept. */
  add(message: Message): void {
    if (this.stopped) return;
    const json = JSON.stringify(message);
    const bytes = utf8Length(json);
    if (bytes + INGEST_EVENT_OVERHEAD > this.config.maxEventBytes) {
      this.log.warn(
        `Bindery: dropped a ${message.type} event${message.event ? ` "${message.event}"` : ''} of ${bytes} bytes: ` +
          `ingest takes events up to ${this.config.maxEventBytes} bytes`,
      );
      return;
    }
    this.push(json, bytes);
    this.changed();
    this.schedule();
  }

  /** Resolves once every event queued before the call is delivered or dropped, retries included. */
  flush(): Promise<void> {
    const upTo = this.seq;
    if (this.stopped || this.oldest() > upTo) return Promise.resolve();
    this.dueUpTo = Math.max(this.dueUpTo, upTo);
    return new Promise((resolve) => {
      this.waiters.push({ upTo, resolve });
      this.schedule();
    });
  }

  /** The page is hidden or leaving: send now (keepalive), beacon what the request cannot hold, keep all on disk. */
  hide(leaving: boolean): void {
    this.flushSoon();
    const count = this.fit(KEEPALIVE_BYTES - this.inFlightBytes, false);
    if (count && this.platform.beacon) {
      this.platform.beacon(this.config.url, this.body(this.queue.slice(0, count)));
    }
    this.save();
    if (leaving) this.platform.store?.release?.(true);
  }

  /** The page is back (from the back-forward cache): its queue is its own again. */
  show(): void {
    this.platform.store?.release?.(false);
    this.schedule();
  }

  /** Sends what is queued without waiting for the interval (the device came back online, say). */
  flushSoon(): void {
    this.dueUpTo = this.seq;
    this.schedule();
  }

  /** Forgets every queued event (opt-out); a batch in flight is not retried. */
  clear(): void {
    this.generation++;
    this.queue = [];
    this.inFlight = [];
    this.queuedBytes = 0;
    this.clearTimer();
    this.save();
    this.settled();
  }

  /** Stops for good: no timer, no retry, the request in flight aborted. Returns how many events were left. */
  stop(): number {
    this.stopped = true;
    this.clearTimer();
    this.wake?.();
    this.abort?.abort();
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
    this.save();
    return this.pending;
  }

  private push(json: string, bytes: number): void {
    if (this.pending >= this.config.maxQueueSize) {
      const oldest = this.queue.shift();
      if (!this.full) {
        this.log.warn(
          `Bindery: the queue is full (${this.config.maxQueueSize} events): dropping the oldest queued events`,
        );
      }
      this.full = true;
      if (!oldest) return; // every held event is in flight: the new one is the one dropped
      this.queuedBytes -= oldest.bytes;
      this.settled();
    } else this.full = false;
    this.queue.push({ seq: ++this.seq, json, bytes });
    this.queuedBytes += bytes;
  }

  private oldest(): number {
    return this.inFlight[0]?.seq ?? this.queue[0]?.seq ?? Infinity;
  }

  private isDue(): boolean {
    const q = this.queue;
    const [oldest] = q;
    return (
      oldest !== undefined &&
      (q.length >= this.config.flushAt || this.queuedBytes >= this.byteLimit || oldest.seq <= this.dueUpTo)
    );
  }

  private schedule(): void {
    if (this.stopped || this.running) return;
    if (this.isDue()) {
      if (this.platform.offline?.()) return; // the `online` hook calls back
      this.clearTimer();
      void this.run();
    } else if (this.queue.length && !this.timer) {
      this.timer = later(
        () => {
          this.timer = undefined;
          this.flushSoon();
        },
        this.config.flushInterval,
        false,
      );
    }
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopped && this.isDue() && !this.platform.offline?.()) {
        const count = this.fit(this.byteLimit, true, this.nextBatchCount);
        this.nextBatchCount = Infinity;
        await this.sendBatch(count);
      }
    } finally {
      this.running = false;
    }
    this.schedule();
  }

  /** Bytes of the body that would carry `items`. */
  private bytesOf(items: Item[]): number {
    return items.reduce((sum, item) => sum + item.bytes + 1, this.envelopeBytes - 1);
  }

  /** How many of the oldest queued events fit a body of `limit` bytes (at least one if `atLeastOne`). */
  private fit(limit: number, atLeastOne: boolean, maxCount = Infinity): number {
    let size = this.envelopeBytes - 1;
    let n = 0;
    for (const item of this.queue) {
      if (n >= maxCount) break;
      const next = size + item.bytes + 1;
      if (next > limit && !(atLeastOne && n === 0)) break;
      size = next;
      n++;
    }

    return n;
  }

  private body(items: Item[]): string {
    return (
      `{"batch":[${items.map((i) => i.json).join(',')}],"sentAt":"${new Date().toISOString()}",` +
      `"writeKey":${JSON.stringify(this.config.writeKey)}}`
    );
  }

  private async sendBatch(count: number): Promise<void> {
    const batch = this.queue.splice(0, count);
    for (const item of batch) this.queuedBytes -= item.bytes;
    const body = this.body(batch);
    const generation = this.generation;
    this.inFlight = batch;
    this.inFlightBytes = utf8Length(body);
    let verdict: Verdict;
    let detail: string;
    try {
      const answer = await this.post(body);
      verdict = judge(answer.status, answer.retryAfter, Date.now());
      detail = `${answer.status} ${answer.body.slice(0, 300)}`;
      if (verdict.kind === 'delivered') this.reportRejected(answer, batch.length);
    } catch (error) {
      verdict = { kind: 'retry' };
      detail = String(error);
    }
    this.inFlight = [];
    this.inFlightBytes = 0;
    if (generation !== this.generation) return;
    let wait: number | undefined;
    if (this.stopped) {
      if (verdict.kind !== 'delivered') this.putBack(batch);
    } else if (verdict.kind === 'delivered') {
      this.failures = 0;
    } else if (verdict.kind === 'split' && batch.length > 1) {
      // Resend the two halves, and keep later batches as small as the larger half: ingest's limit is lower.
      const half = Math.ceil(batch.length / 2);
      this.byteLimit = Math.max(this.bytesOf(batch.slice(0, half)), this.bytesOf(batch.slice(half)));
      this.nextBatchCount = half;
      this.putBack(batch);
    } else if (verdict.kind === 'retry' && this.platform.offline?.()) {
      this.putBack(batch); // offline: no retry is spent, sending resumes with the `online` hook
    } else if (verdict.kind === 'retry' && ++this.failures <= this.config.maxRetries) {
      this.putBack(batch);
      wait = Math.max(
        verdict.afterMs ?? 0,
        backoff(this.failures, this.config.minRetryDelay, this.config.maxRetryDelay),
      );
    } else {
      const why = verdict.kind === 'retry' ? `after ${this.config.maxRetries} retries` : 'refused by ingest';
      this.failures = 0;
      this.log.error(`Bindery: dropped ${batch.length} events, ${why}: ${detail}`);
    }
    this.changed();
    this.settled();
    if (wait !== undefined) await this.sleep(wait);
  }

  private async post(body: string): Promise<Answer> {
    const abort = (this.abort = new AbortController());
    const timer = later(() => abort.abort(), this.config.requestTimeout, false);
    try {
      return await this.platform.send(this.config.url, body, {
        signal: abort.signal,
        keepalive: this.inFlightBytes <= KEEPALIVE_BYTES,
      });
    } finally {
      clearTimeout(timer);
      this.abort = undefined;
    }
  }

  /** Items of a delivered batch that ingest refused (invalid, too large) are gone for good: say so. */
  private reportRejected(answer: Answer, total: number): void {
    let rejected: { index: number; code: string; message: string }[] = [];
    try {
      rejected = (JSON.parse(answer.body) as { rejected?: typeof rejected }).rejected ?? [];
    } catch {
      return;
    }
    const [first] = rejected;
    if (first) {
      this.log.warn(
        `Bindery: ingest refused ${rejected.length} of ${total} events, e.g. item ${first.index}: ${first.code}: ${first.message}`,
      );
    }
  }

  private putBack(batch: Item[]): void {
    this.queue.unshift(...batch);
    for (const item of batch) this.queuedBytes += item.bytes;
    this.dueUpTo = Math.max(this.dueUpTo, batch.at(-1)?.seq ?? this.dueUpTo);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = later(() => this.wake?.(), ms, true);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private settled(): void {
    const oldest = this.oldest();
    this.waiters = this.waiters.filter((w) => (w.upTo < oldest ? (w.resolve(), false) : true));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Mirrors the queue to the store once the current burst of calls is over. */
  private changed(): void {
    if (!this.platform.store || this.saving) return;
    this.saving = true;
    void Promise.resolve().then(() => this.save());
  }

  private save(): void {
    this.saving = false;
    this.platform.store?.save([...this.inFlight, ...this.queue].map((i) => i.json));
  }
}
