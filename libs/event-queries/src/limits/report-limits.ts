import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { RateLimited, retryAfterSeconds, Unavailable } from '@bindery/contracts';
import { MetricsRegistry } from '@bindery/server';

/** What a call asks for: a report (a slot and a start), or a run of the rules (a start). */
export type LimitedCall = 'report' | 'rules-run';

/** How long a refused report is told to wait: reports take seconds, and a slot frees when one ends. */
const BUSY_RETRY_SECONDS = 2;
/** Past this many projects remembered, the ones whose allowance is whole again are forgotten. */
const PRUNE_AT = 10_000;

/**
 * Starts per project, spaced by the generic cell rate algorithm: each start moves the project's "theoretical
 * arrival time" one interval on; a start is refused while that time is more than `burst` intervals ahead.
 */
class StartRate {
  private readonly next = new Map<string, number>();
  private readonly interval: number;

  constructor(
    perMinute: number,
    private readonly burst: number,
  ) {
    this.interval = 60_000 / perMinute;
  }

  /** Counts a start and answers 0, or counts nothing and answers the seconds until one is allowed. */
  start(key: string): number {
    const now = Date.now();
    const at = Math.max(this.next.get(key) ?? now, now);
    const ahead = at + this.interval - now - this.burst * this.interval;
    if (ahead > 0) return retryAfterSeconds(ahead);
    if (this.next.size >= PRUNE_AT) {
      for (const [k, t] of this.next) if (t <= now) this.next.delete(k);
    }
    this.next.set(key, at + this.interval);
    return 0;
  }
}

/**
 * Admission of reports and rule runs (docs/security.md, Limits): at most REPORT_MAX_CONCURRENT_PER_PROJECT
 * reports of a project and REPORT_MAX_CONCURRENT in all are in progress at once, and a project starts at most
 * REPORT_RATE_LIMIT_PER_MINUTE reports and RULES_RUN_RATE_LIMIT_PER_MINUTE runs a minute. In memory: the
 * limits hold per process.
 */
@Injectable()
export class ReportLimits {
  private readonly running = new Map<string, number>();
  private total = 0;
  private readonly rates: Record<LimitedCall, StartRate>;
  private readonly refused: Counter<'call' | 'reason'>;

  constructor(
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
    metrics: MetricsRegistry,
  ) {
    const { rateLimitPerMinute, rulesRunRateLimitPerMinute } = config.reports;
    this.rates = {
      report: new StartRate(rateLimitPerMinute, rateLimitPerMinute),
      'rules-run': new StartRate(rulesRunRateLimitPerMinute, rulesRunRateLimitPerMinute),
    };
    this.refused = new Counter({
      name: 'bindery_reports_refused_total',
      help: 'Reports and rule runs refused by a limit (reason: project_busy, server_busy, rate)',
      labelNames: ['call', 'reason'],
      registers: [metrics],
    });
    const gauge: Gauge = new Gauge({
      name: 'bindery_reports_running',
      help: 'Reports in progress now (running, or waiting for the engine)',
      registers: [metrics],
      collect: () => gauge.set(this.total),
    });
  }

  /** Admits a call of the project or throws the 429/503 that says when to come back; the answer ends it. */
  admit(call: LimitedCall, projectId: string): () => void {
    const { maxConcurrent, maxConcurrentPerProject } = this.config.reports;
    const mine = this.running.get(projectId) ?? 0;
    if (call === 'report' && mine >= maxConcurrentPerProject) {
      this.refused.inc({ call, reason: 'project_busy' });
      throw RateLimited(
        `This project already runs ${mine} reports, the most it may run at once ` +
          '(REPORT_MAX_CONCURRENT_PER_PROJECT): try again when one has finished',
        BUSY_RETRY_SECONDS,
      );
    }
    if (call === 'report' && this.total >= maxConcurrent) {
      this.refused.inc({ call, reason: 'server_busy' });
      throw Unavailable(
        `The server has ${this.total} reports in progress, the most it takes at once (REPORT_MAX_CONCURRENT): ` +
          'try again shortly',
        BUSY_RETRY_SECONDS,
      );
    }
    const wait = this.rates[call].start(projectId);
    if (wait > 0) {
      this.refused.inc({ call, reason: 'rate' });
      const limit =
        call === 'report'
          ? `${this.config.reports.rateLimitPerMinute} reports a minute (REPORT_RATE_LIMIT_PER_MINUTE)`
          : `${this.config.reports.rulesRunRateLimitPerMinute} runs a minute (RULES_RUN_RATE_LIMIT_PER_MINUTE)`;
      throw RateLimited(`This project started more than ${limit}`, wait);
    }
    if (call !== 'report') return () => undefined;
    this.running.set(projectId, mine + 1);
    this.total++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.total--;
      const left = (this.running.get(projectId) ?? 1) - 1;
      if (left > 0) this.running.set(projectId, left);
      else this.running.delete(projectId);
    };
  }
}
