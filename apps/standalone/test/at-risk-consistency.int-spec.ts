import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type AccountSummary,
  type CreatedProject,
  type EventRow,
  type ResolvedProjectSettings,
  type RuleRun,
  type Signal,
  type TaskListItem as Task,
} from '@bindery/contracts';
import {
  bearer,
  eventRow,
  getJson,
  mulberry32,
  postJson,
  startTestApp,
  type TestApp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ACCOUNTS = 36;

/**
 * One line decides "at risk" everywhere: after a run of the default rules, every account whose health is
 * below the project's `atRiskBelow` has an open signal or an open task, and moving the line moves the work.
 */
describe('every account at risk has work after a run', () => {
  let app: TestApp;
  let project: CreatedProject;
  const now = Date.now();
  const today = Math.floor(now / DAY);

  const api = <T>(path: string, body?: unknown) =>
    body === undefined
      ? getJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, project.secretKey)
      : postJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, body, {
          authorization: bearer(project.secretKey),
        });

  /** Accounts that differ in how many of their people act, how often, and since when they are quiet. */
  function history(): EventRow[] {
    const dice = mulberry32(7);
    const rows: EventRow[] = [];
    const features = ['editor', 'export', 'share', 'billing', 'search'];
    for (let a = 0; a < ACCOUNTS; a++) {
      const account = `acct-${a}`;
      const people = 2 + (a % 7);
      // Some accounts stop some days ago, some slow down, some keep going.
      const quietFor = a % 4 === 0 ? 5 + ((a * 7) % 40) : 0;
      const activeShare = [1, 0.7, 0.4, 0.15][a % 4 === 0 ? 0 : (a % 3) + 1] ?? 1;

      for (let p = 0; p < people; p++) {
        if (p > 0 && dice() > activeShare) continue;
        const uses = features.slice(0, 1 + (a % features.length));
        for (let d = 60; d >= quietFor; d--) {
          const slowing = a % 5 === 1 && d < 14;
          if (dice() > (slowing ? 0.1 : 0.6)) continue;
          const at = Math.min(now - 60_000, (today - d) * DAY + 9 * HOUR + Math.floor(dice() * 8 * HOUR));
          const feature = uses[Math.floor(dice() * uses.length)];
          rows.push(
            eventRow(project.id, at, {
              event: `${feature} used`,
              feature,
              user_id: `${account}-u${p}`,
              account_id: account,
            }),
          );
        }
      }
    }
    return rows;
  }

  async function run(): Promise<void> {
    const started = await api<RuleRun>('rules/run', {});
    await until(
      'the rules run',
      () => api<RuleRun>(`rules/runs/${started.body.id}`),
      (r) => r.body.status === 'done',
    );
  }

  async function all<T>(path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await api<Record<string, unknown>>(
        `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...(page.body[key] as T[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    return items;
  }

  /** The accounts below the line, and those of them with neither an open signal nor an open task. */
  async function atRiskWithoutWork(line: number) {
    const accounts = await all<AccountSummary>('accounts', 'accounts');
    const atRisk = accounts.filter((a) => a.health !== null && a.health.score < line).map((a) => a.id);
    const signals = await all<Signal>('signals', 'signals');
    const tasks = await all<Task>('tasks?status=open,in_progress,snoozed', 'tasks');
    const withWork = new Set([
      ...signals.filter((s) => s.resolvedAt === null).map((s) => s.accountId),
      ...tasks.map((t) => t.accountId),
    ]);
    return {
      scored: accounts.filter((a) => a.health !== null).length,
      atRisk,
      without: atRisk.filter((id) => !withWork.has(id)),
    };
  }

  beforeAll(async () => {
    app = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await app.createProject('consistency');
    await app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: history(), format: 'JSONEachRow' });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('gives every account below the default line an open signal or task', async () => {
    await run();
    const settings = (await api<ResolvedProjectSettings>('settings')).body;
    const { scored, atRisk, without } = await atRiskWithoutWork(settings.atRiskBelow);
    expect(scored).toBe(ACCOUNTS);
    // The data must put some accounts on each side of the line, or the check proves nothing.
    expect(atRisk.length).toBeGreaterThan(0);
    expect(atRisk.length).toBeLessThan(ACCOUNTS);
    expect(without).toEqual([]);
  }, 180_000);

  it('moves the work with the line when the project raises it', async () => {
    const before = (await api<ResolvedProjectSettings>('settings')).body;
    const higher = before.atRiskBelow + 25;
    const put = await fetch(`${app.url}/v1/projects/${project.id}/settings`, {
      method: 'PUT',
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify({ ...before, atRiskBelow: higher }),
    });
    expect(put.status).toBe(200);
    const wasAtRisk = (await atRiskWithoutWork(before.atRiskBelow)).atRisk.length;
    await run();
    const { atRisk, without } = await atRiskWithoutWork(higher);
    expect(atRisk.length).toBeGreaterThan(wasAtRisk);
    expect(without).toEqual([]);
  }, 180_000);
});
