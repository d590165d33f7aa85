import { Injectable, type StreamableFile } from '@nestjs/common';
import { type TSchema, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  type AccountExportQuery,
  compileValidator,
  type DropoffExportQuery,
  FeatureQuerySchema,
  InvalidInput,
  RetentionQuerySchema,
} from '@bindery/contracts';
import { ReportLimits } from '@bindery/event-queries';
import { csvFile } from '@bindery/server';
import { AccountsService } from '../accounts/accounts.service';
import { FeatureService } from '../features/features.service';
import { FunnelService } from '../funnels/funnel.service';
import { SavedFunnelsService } from '../funnels/saved-funnels.service';
import { RetentionService } from '../retention/retention.service';
import {
  ACCOUNT_CSV_HEADER,
  accountsCsv,
  DROPOFF_CSV_HEADER,
  dropoffsCsv,
  featuresCsv,
  funnelCsv,
  retentionCsv,
} from './report-csv';

/** Rows of a list export are read this many at a time: one page in memory, whatever the export's size. */
const PAGE = 500;
/** The most rows one list export writes. */
export const MAX_EXPORT_ROWS = 1_000_000;

const checkFeatures = compileValidator(FeatureQuerySchema);
const checkRetention = compileValidator(RetentionQuerySchema);

/** A report's JSON body from the `query` parameter, with its defaults, or a 400 that names the problem. */
function parseBody<S extends TSchema>(
  schema: S,
  check: (value: unknown) => { ok: true; value: Static<S> } | { ok: false; message: string },
  raw: string,
): Static<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw InvalidInput('query is not JSON');
  }
  const checked = check(Value.Default(schema, parsed));
  if (!checked.ok) throw InvalidInput(`query: ${checked.message}`);
  return checked.value;
}

/**
 * CSV exports of the reports and lists, streamed. A report runs first (its errors answer as JSON), then its
 * lines go out; a list reads page after page as the client takes them, each page under the project's report
 * limits, so a large export neither fills memory nor holds the event loop, nor crowds out other reports.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly limits: ReportLimits,
    private readonly funnels: FunnelService,
    private readonly saved: SavedFunnelsService,
    private readonly features: FeatureService,
    private readonly retention: RetentionService,
    private readonly accounts: AccountsService,
  ) {}

  async funnelReport(projectId: string, raw: string): Promise<StreamableFile> {
    const query = await this.saved.resolve(projectId, { query: raw, step: 1, limit: 1 });
    const result = await this.limited(projectId, () => this.funnels.query(projectId, query));
    return csvFile('funnel.csv', funnelCsv(query, result));
  }

  async featureReport(projectId: string, raw: string): Promise<StreamableFile> {
    const query = parseBody(FeatureQuerySchema, checkFeatures, raw);
    const result = await this.limited(projectId, () => this.features.query(projectId, query));
    return csvFile('features.csv', featuresCsv(result));
  }

  async retentionReport(projectId: string, raw: string): Promise<StreamableFile> {
    const query = parseBody(RetentionQuerySchema, checkRetention, raw);
    const result = await this.limited(projectId, () => this.retention.query(projectId, query));
    return csvFile('retention.csv', retentionCsv(result));
  }

  async accountList(projectId: string, q: AccountExportQuery): Promise<StreamableFile> {
    const read = (cursor: string | undefined) =>
      this.accounts
        .list(projectId, { asOf: q.asOf, limit: PAGE, cursor })
        .then((p) => ({ lines: accountsCsv(p.accounts), rows: p.accounts.length, next: p.nextCursor }));
    return csvFile('accounts.csv', await this.pages(projectId, ACCOUNT_CSV_HEADER, read));
  }

  async dropoffList(projectId: string, q: DropoffExportQuery): Promise<StreamableFile> {
    const query = await this.saved.resolve(projectId, { query: q.query, step: q.step, limit: 1 });
    const read = (cursor: string | undefined) =>
      this.funnels
        .dropoffs(projectId, query, { step: q.step, limit: PAGE, cursor })
        .then((p) => ({ lines: dropoffsCsv(p.subjects), rows: p.subjects.length, next: p.nextCursor }));
    return csvFile(`dropoffs-step-${q.step}.csv`, await this.pages(projectId, DROPOFF_CSV_HEADER, read));
  }

  /** Runs one report under the project's limits. */
  private async limited<T>(projectId: string, run: () => Promise<T>): Promise<T> {
    const end = this.limits.admit('report', projectId);
    try {
      return await run();
    } finally {
      end();
    }
  }

  /**
   * A list's lines, page by page, each page read under the project's report limits: the first now (so that a
   * refusal or a bad query answers as JSON), the others as the client takes the lines.
   */
  private async pages(
    projectId: string,
    header: string,
    read: (cursor: string | undefined) => Promise<{ lines: string; rows: number; next: string | null }>,
  ): Promise<AsyncGenerator<string>> {
    const page = (cursor: string | undefined) => this.limited(projectId, () => read(cursor));
    const first = await page(undefined);
    async function* lines(): AsyncGenerator<string> {
      yield header + first.lines;
      let written = first.rows;
      let next = first.next;
      while (next !== null && written < MAX_EXPORT_ROWS) {
        const more = await page(next);
        written += more.rows;
        next = more.next;
        yield more.lines;
      }
    }
    return lines();
  }
}
