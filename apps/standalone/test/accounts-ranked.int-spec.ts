import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  ACCOUNT_SORT_KEYS,
  type AccountList,
  type AccountOverview,
  type CreatedProject,
  type EventRow,
  type ResolvedProjectSettings,
} from '@bindery/contracts';
import { AccountHealthRepository, DB, type Database, TaskRepository } from '@bindery/db';
import { eventRow, getJson, mulberry32, startTestApp, type TestApp } from '@bindery/testing';
import { type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const ACCOUNTS = 150;
const CSMS = ['ana@example.com', 'Bo@example.com', 'cy@example.com', 'dee@example.com'];
const PAGE = 37;

/** What the test generated for one account: the reference's whole input. */
interface Truth {
  id: string;
  name: string;
  csm: string | null;
  mrr: number | null;
  score: number | null;
  abc: 'A' | 'B' | 'C' | null;
  openTasks: number;
  /** Each action: its person, its time. */
  actions: { user: string; at: number }[];
}

/**
 * The ranked accounts list (server-side sort, filters and cursor pages) and the accounts overview, on generated
 * accounts, against a brute-force reference computed in the test from what it generated.
 */
describe('accounts ranked and summed up on the server', () => {
  let app: TestApp;
  let project: CreatedProject;
  let atRiskBelow: number;
  const now = Date.now();
  const today = Math.floor(now / DAY);
  const truth: Truth[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const res = await getJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, project.secretKey);
    expect(res.status).toBe(200);
    return res.body;
  };

  /** Accounts with and without each trait (blank and numeric-string ones too), activity, health and tasks. */
  function generate(): { events: EventRow[] } {
    const dice = mulberry32(22);
    const pick = <T>(xs: T[]) => xs[Math.floor(dice() * xs.length)]!;
    const events: EventRow[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const id = `rk-${String((i * 37) % ACCOUNTS).padStart(3, '0')}${i % 9 === 0 ? 'X' : ''}`;
      const t: Truth = {
        id,
        name: id,
        csm: null,
        mrr: null,
        score: null,
        abc: null,
        openTasks: 0,
        actions: [],
      };
      if (i % 11 !== 0) {
        const traits: Record<string, unknown> = {};
        const name =
          i % 13 === 0
            ? '   '
            : `${pick(['Acme', 'acme', 'Globex', 'Initech', 'Umbrella', 'Élan'])} ${i % 7}`;
        traits.name = name;
        if (name.trim()) t.name = name.trim();
        if (i % 5 !== 0) t.csm = traits.csm_email = pick(CSMS);
        const mrr = i % 6 === 0 ? null : Math.floor(dice() * 400) * 2.5;
        if (mrr !== null) {
          traits.mrr = i % 4 === 0 ? String(mrr) : mrr;
          t.mrr = mrr;
        } else if (i % 12 === 0) traits.mrr = 'n/a';
        const at = now - Math.floor(dice() * 50) * DAY - 3_600_000;
        events.push(
          eventRow(project.id, at - DAY, {
            type: 'group',
            event: '',
            feature: '',
            account_id: id,
            traits: JSON.stringify({ name: 'Old name' }),
          }),
          eventRow(project.id, at, {
            type: 'group',
            event: '',
            feature: '',
            account_id: id,
            traits: JSON.stringify(traits),
          }),
        );
      }
      // Some accounts are known from a group call alone, with no action.
      if (i % 8 !== 3 || i % 11 === 0) {
        const users = 1 + (i % 4);
        const quiet = i % 5 === 1 ? 10 + (i % 30) : 0;
        for (let d = 60; d >= quiet; d--) {
          for (let u = 0; u < users; u++) {
            if (dice() > 0.3) continue;
            const at = Math.min(now - 60_000, (today - d) * DAY + Math.floor(dice() * DAY));
            const user = `${id}-u${u}`;
            t.actions.push({ user, at });
            events.push(
              eventRow(project.id, at, {
                event: 'Report Viewed',
                feature: 'report',
                user_id: user,
                account_id: id,
              }),
            );
          }
        }
      }
      truth.push(t);
    }
    return { events };
  }

  async function storeHealthAndTasks(): Promise<void> {
    const dice = mulberry32(23);
    const health = app.app.get(AccountHealthRepository);
    const scored = truth.filter((_, i) => i % 7 !== 2);
    const day = (d: number) => new Date((today - d) * DAY).toISOString().slice(0, 10);
    const grade = (i: number) => ([null, 'A', 'B', 'C'] as const)[i % 4]!;
    // An older day with other scores: the newest day counts.
    await health.upsertMany(
      project.id,
      day(3),
      scored.map((t) => ({ accountId: t.id, score: 99, components: {}, abc: 'A' })),
    );
    const latest = scored.map((t, i) => {
      t.score = Math.floor(dice() * 101);
      t.abc = grade(i + Math.floor(dice() * 4));
      return { accountId: t.id, score: t.score, components: {}, abc: t.abc };
    });
    await health.upsertMany(project.id, day(1), latest);

    const tasks = app.app.get(TaskRepository);
    const db = app.app.get<Kysely<Database>>(DB);
    const statuses = ['open', 'in_progress', 'snoozed', 'done', 'dismissed'] as const;
    for (let n = 0; n < 70; n++) {
      const account = truth[Math.floor(dice() * 40)]!;
      const status = statuses[n % statuses.length]!;
      const task = await tasks.create(
        {
          id: uuidv7(),
          projectId: project.id,
          accountId: account.id,
          ruleId: null,
          title: `Task ${n}`,
          body: '',
          priority: 'P2',
          assignee: null,
          dueAt: new Date(now + DAY),
          signalIds: [],
        },
        { actor: 'test', change: {} },
      );
      if (status !== 'open')
        await db.updateTable('tasks').set({ status }).where('id', '=', task.id).execute();
      if (status === 'open' || status === 'in_progress') account.openTasks++;
    }
  }

  beforeAll(async () => {
    app = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await app.createProject(`ranked-${uuidv7().slice(-8)}`);
    const { events } = generate();
    await app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: events, format: 'JSONEachRow' });
    await storeHealthAndTasks();
    atRiskBelow = (await api<ResolvedProjectSettings>('settings')).atRiskBelow;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  // The reference: each column computed from the generated actions, the order as the dashboard's tables sort.
  const inDays = (t: Truth, from: number, to: number) =>
    t.actions.filter((a) => Math.floor(a.at / DAY) > today - from && Math.floor(a.at / DAY) <= today - to);
  const users = (t: Truth, days: number) => new Set(inDays(t, days, 0).map((a) => a.user)).size;
  const trend = (t: Truth) => {
    const base = inDays(t, 28, 7).length / 3;
    return base > 0 ? inDays(t, 7, 0).length / base - 1 : null;
  };
  const lastSeen = (t: Truth) => (t.actions.length ? Math.max(...t.actions.map((a) => a.at)) : null);
  const VALUE: Record<(typeof ACCOUNT_SORT_KEYS)[number], (t: Truth) => number | string | null> = {
    name: (t) => t.name.toLowerCase(),
    health: (t) => t.score,
    abc: (t) => t.abc,
    mrr: (t) => t.mrr,
    csm: (t) => t.csm,
    trend,
    active7: (t) => users(t, 7),
    active30: (t) => users(t, 30),
    lastSeen,
    openTasks: (t) => t.openTasks,
  };
  const byId = (a: Truth, b: Truth) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  function referenceOrder(rows: Truth[], key: (typeof ACCOUNT_SORT_KEYS)[number], descending: boolean) {
    const sign = descending ? -1 : 1;
    return [...rows].sort((a, b) => {
      const [x, y] = [VALUE[key](a), VALUE[key](b)];
      if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c === 0 ? byId(a, b) : c * sign;
    });
  }

  /** Every page of a ranked list, following the cursor. */
  async function allPages(query: string): Promise<{ ids: string[]; pages: AccountList[] }> {
    const pages: AccountList[] = [];
    let cursor: string | null = null;
    do {
      const page: AccountList = await api<AccountList>(
        `accounts?limit=${PAGE}&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    return { ids: pages.flatMap((p) => p.accounts.map((a) => a.id)), pages };
  }

  it.each(ACCOUNT_SORT_KEYS.flatMap((key) => [[key, false] as const, [key, true] as const]))(
    'sorts every account by %s (descending: %s) across cursor pages',
    async (key, descending) => {
      const { ids, pages } = await allPages(`sort=${descending ? '-' : ''}${key}`);
      expect(ids).toEqual(referenceOrder(truth, key, descending).map((t) => t.id));
      for (const p of pages) expect([p.matched, p.total]).toEqual([truth.length, truth.length]);
    },
    60_000,
  );

  const FILTERS: [string, (t: Truth) => boolean][] = [
    ['q=acme', (t) => [t.name, t.id, t.csm ?? ''].some((s) => s.toLowerCase().includes('acme'))],
    ['q=%20X%20', (t) => [t.name, t.id, t.csm ?? ''].some((s) => s.toLowerCase().includes('x'))],
    ['q=bo%40', (t) => (t.csm ?? '').toLowerCase().includes('bo@')],
    ['abc=A', (t) => t.abc === 'A'],
    ['abc=none', (t) => t.abc === null],
    [`csm=${encodeURIComponent(CSMS[1]!)}`, (t) => t.csm === CSMS[1]],
    ['csm=none', (t) => t.csm === null],
    ['risk=true', (t) => t.score !== null && t.score < atRiskBelow],
    [
      `risk=true&csm=${encodeURIComponent(CSMS[0]!)}&abc=B`,
      (t) => t.score !== null && t.score < atRiskBelow && t.csm === CSMS[0] && t.abc === 'B',
    ],
  ];

  it.each(FILTERS)('filters by %s, sorted by health, lowest first', async (query, keep) => {
    const { ids, pages } = await allPages(`sort=health&${query}`);
    const expected = referenceOrder(truth.filter(keep), 'health', false).map((t) => t.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
    expect(pages[0]!.matched).toBe(expected.length);
    expect(pages[0]!.total).toBe(truth.length);
  });

  it('gives each listed account its summary and open tasks, in the plain list and the ranked one', async () => {
    const plain: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AccountList = await api<AccountList>(
        `accounts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const a of page.accounts) {
        const t = truth.find((x) => x.id === a.id)!;
        expect([a.openTasks, a.health?.score ?? null, a.activeUsers7d, a.activeUsers30d]).toEqual([
          t.openTasks,
          t.score,
          users(t, 7),
          users(t, 30),
        ]);
        plain.push(a.id);
      }
      expect(page.matched).toBeUndefined();
      cursor = page.nextCursor;
    } while (cursor);
    expect(plain).toEqual(truth.map((t) => t.id).sort());

    const ranked = await api<AccountList>('accounts?limit=5&sort=-openTasks');
    expect(ranked.accounts.map((a) => a.openTasks)).toEqual(
      referenceOrder(truth, 'openTasks', true)
        .slice(0, 5)
        .map((t) => t.openTasks),
    );
  });

  it('refuses a cursor it did not make', async () => {
    const res = await getJson(
      `${app.url}/v1/projects/${project.id}/accounts?sort=name&cursor=bm90LWEtY3Vyc29y`,
      project.secretKey,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('sums up the accounts in the overview as the reference does', async () => {
    const overview = await api<AccountOverview>('account-overview?top=8');
    const scored = truth.filter((t) => t.score !== null);
    const atRisk = scored.filter((t) => t.score! < atRiskBelow);
    const csms = new Map<string, number>();
    for (const t of truth) if (t.csm) csms.set(t.csm, (csms.get(t.csm) ?? 0) + 1);
    const mrr = (rows: Truth[]) => rows.reduce((sum, t) => sum + (t.mrr ?? 0), 0);
    const active = (days: number) => truth.filter((t) => inDays(t, days, 0).length > 0).length;

    expect(overview).toEqual({
      atRiskBelow,
      accounts: { total: truth.length, activeToday: active(1), active7d: active(7), active30d: active(30) },
      health: {
        atRisk: atRisk.length,
        watch: scored.filter((t) => t.score! >= atRiskBelow && t.score! < atRiskBelow + 20).length,
        healthy: scored.filter((t) => t.score! >= atRiskBelow + 20).length,
        unscored: truth.length - scored.length,
      },
      abc: {
        A: truth.filter((t) => t.abc === 'A').length,
        B: truth.filter((t) => t.abc === 'B').length,
        C: truth.filter((t) => t.abc === 'C').length,
        none: truth.filter((t) => t.abc === null).length,
      },
      mrr: { total: mrr(truth), atRisk: mrr(atRisk) },
      atRisk: expect.any(Array),
      csms: [...csms]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([email, accounts]) => ({ email, accounts })),
    });
    const top = [...atRisk]
      .sort(
        (a, b) =>
          a.score! - b.score! || (b.mrr ?? 0) - (a.mrr ?? 0) || a.name.localeCompare(b.name) || byId(a, b),
      )
      .slice(0, 8);
    expect(overview.atRisk.map((a) => [a.id, a.health?.score, a.openTasks])).toEqual(
      top.map((t) => [t.id, t.score, t.openTasks]),
    );
    // The data must put accounts in every band, or the check proves little.
    expect(Object.values(overview.health).every((n) => n > 0)).toBe(true);
  });
});
