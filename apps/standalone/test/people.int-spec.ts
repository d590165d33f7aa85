import { randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Kysely, sql } from 'kysely';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventListPage,
  type EventRow,
  type FunnelQuery,
  type PersonDeletion,
  type PersonDetail,
  type PersonExport,
  type PersonList,
  type RetentionQuery,
  type StoredEvent,
} from '@bindery/contracts';
import { DB, type Database, type Rule, type Signal, SuppressedPeopleRepository } from '@bindery/db';
import { EmailService } from '@bindery/outreach';
import { DEFAULT_PROJECT_SETTINGS } from '@bindery/rules';
import {
  basic,
  bearer,
  eventRow,
  generateEvents,
  getJson,
  type JsonResponse,
  postJson,
  personFor,
  personMap,
  referenceAccounts,
  referenceActivity,
  referenceFunnel,
  referenceRetention,
  startTestApp,
  type TestApp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
/** A Monday; the three weeks from it span two months, so a deletion touches two partitions of each table. */
const START = Date.UTC(2026, 1, 23);
const iso = (ms: number) => new Date(ms).toISOString();
const ACTIONS = new Set(['track', 'page', 'screen']);

/**
 * People over HTTP on generated data: the list, a person's page, timeline and export against the rows; then a
 * deletion, after which every report equals the brute-force reference run on the data without that person.
 */
describe('people: list, page, timeline, export and deletion', () => {
  let t: TestApp;
  let project: CreatedProject;
  let other: CreatedProject;
  let events: EventRow[];
  let ch: ClickHouseClient;
  let db: Kysely<Database>;
  /** The person an event counts for, ids merged by identity links, as every report counts it. */
  let personOf: (e: EventRow) => string;

  const get = <T>(path: string, key = project.secretKey, id = project.id) =>
    getJson<T>(`${t.url}/v1/projects/${id}/${path}`, key);
  const post = (path: string, body: unknown) =>
    postJson(`${t.url}/v1/projects/${project.id}/${path}`, body, {
      authorization: bearer(project.secretKey),
    });
  const del = async (path: string) => {
    const res = await fetch(`${t.url}/v1/projects/${project.id}/${path}`, {
      method: 'DELETE',
      headers: { authorization: bearer(project.secretKey) },
    });
    return { status: res.status, body: (await res.json()) as PersonDeletion };
  };
  const unique = (rows: EventRow[]) => [...new Map(rows.map((r) => [r.event_id, r])).values()];

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await t.createProject('people');
    other = await t.createProject('people-other');
    events = generateEvents({ seed: 11, projectId: project.id, start: START, days: 21 });
    const persons = personMap(events);
    personOf = (e) => personFor(persons, e.user_id || e.anonymous_id);
    ch = t.app.get<ClickHouseClient>(CLICKHOUSE);
    db = t.app.get<Kysely<Database>>(DB);
    const rows = [...events, ...generateEvents({ seed: 11, projectId: other.id, start: START, days: 21 })];
    for (let i = 0; i < rows.length; i += 1000) {
      await ch.insert({ table: 'events', values: rows.slice(i, i + 1000), format: 'JSONEachRow' });
    }
  }, 120_000);
  afterAll(() => t.close());

  /** Every person of the project, page by page through the API. */
  async function allPeople(query = ''): Promise<PersonList['people']> {
    const people: PersonList['people'] = [];
    let cursor: string | null = null;
    do {
      const res: JsonResponse<PersonList> = await get<PersonList>(
        `people?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      people.push(...res.body.people);
      cursor = res.body.nextCursor;
    } while (cursor);
    return people;
  }

  /** The person's events through the timeline, page by page. */
  async function timeline(personId: string): Promise<StoredEvent[]> {
    const seen: StoredEvent[] = [];
    let cursor: string | null = null;
    do {
      const res: JsonResponse<EventListPage> = await get<EventListPage>(
        `people/${encodeURIComponent(personId)}/events?limit=13${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.events);
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen;
  }

  describe('reading', () => {
    it('lists every person who acted or has traits, by id, page by page', async () => {
      const expected = new Set<string>();
      for (const e of events) {
        if (ACTIONS.has(e.type) && personOf(e) !== '') expected.add(personOf(e));
        if (e.user_id !== '' && e.traits !== '{}' && e.type !== 'group') expected.add(e.user_id);
      }

      const people = await allPeople();

      expect(people.map((p) => p.id)).toEqual([...expected].sort());
    });

    it('summarises a person as their events say: actions, first and last seen, accounts, traits', async () => {
      const people = await allPeople();
      for (const id of ['user-03', 'anon-02']) {
        const actions = unique(events.filter((e) => personOf(e) === id && ACTIONS.has(e.type)));
        const times = actions.map((e) => e.timestamp);
        const person = people.find((p) => p.id === id);

        expect(person).toEqual({
          id,
          traits: id.startsWith('user') ? { email: `${id}@example.com`, name: `Person ${id}` } : {},
          firstSeenAt: iso(Math.min(...times)),
          lastSeenAt: iso(Math.max(...times)),
          accounts: [...new Set(actions.map((e) => e.account_id).filter((a) => a !== ''))].sort(),
          eventCount: actions.length,
        });
      }
    });

    it('finds people by part of their id, email or name, and by account', async () => {
      expect((await allPeople('&search=USER-03%40EXAMPLE')).map((p) => p.id)).toEqual(['user-03']);
      expect((await allPeople('&search=person%20user-1')).map((p) => p.id)).toEqual(
        Array.from({ length: 10 }, (_, i) => `user-1${i}`),
      );
      const inAccount = new Set(
        events.filter((e) => ACTIONS.has(e.type) && e.account_id === 'acct-01').map(personOf),
      );
      expect((await allPeople('&accountId=acct-01')).map((p) => p.id)).toEqual([...inAccount].sort());
    });

    it('pages through a person’s events, newest first, theirs alone', async () => {
      const theirs = unique(events.filter((e) => personOf(e) === 'user-04'));

      const seen = await timeline('user-04');

      expect(seen.map((e) => e.id).sort()).toEqual(theirs.map((e) => e.event_id).sort());
      const order = seen.map((e) => [Date.parse(e.timestamp), e.id] as const);
      expect(order).toEqual(
        [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)),
      );
    });

    it('exports every event and trait of the person and nothing of anyone else', async () => {
      const res = await get<PersonExport>('people/user-04/export');

      expect(res.status).toBe(200);
      const theirs = unique(events.filter((e) => personOf(e) === 'user-04'));
      expect(res.body.person).toEqual({ id: 'user-04', ids: ['user-04', 'anon-u04'] });
      const byAnonymousId = await get<PersonDetail>('people/anon-u04');
      expect(byAnonymousId.body).toMatchObject({ id: 'user-04', ids: ['user-04', 'anon-u04'] });
      expect(res.body.events.map((e) => e.id).sort()).toEqual(theirs.map((e) => e.event_id).sort());
      const traits = new Set(res.body.traits.map((tr) => `${tr.key}=${JSON.stringify(tr.value)}`));
      const sent = new Set(
        theirs
          .filter((e) => e.type !== 'group')
          .flatMap((e) =>
            Object.entries(JSON.parse(e.traits) as Record<string, unknown>).map(
              ([k, v]) => `${k}=${JSON.stringify(v)}`,
            ),
          ),
      );
      expect(traits).toEqual(sent);
      expect(JSON.stringify(res.body)).not.toMatch(/user-05|user-03@/);
    });

    it('answers 404 for a person nothing is stored about, and for another project’s person', async () => {
      for (const path of ['people/nobody', 'people/nobody/events', 'people/nobody/export']) {
        const res = await get<{ error: { code: string } }>(path);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
      expect((await del('people/nobody')).status).toBe(404);
      const foreign = await get('people/user-04', other.secretKey, project.id);
      expect(foreign.status).toBe(403);
    });
  });

  describe('deletion', () => {
    const VICTIM = 'user-07';
    const EMAIL = `${VICTIM}@example.com`;
    const NAME = 'Vera Lind';
    let deletion: PersonDeletion;

    const funnel = (): FunnelQuery => ({
      steps: [{ event: 'Account Created' }, { event: 'Book Created' }, { event: 'Chapter Added' }],
      windowSeconds: 86_400,
      order: 'ordered',
      aggregateBy: 'user',
      from: iso(START),
      to: iso(START + 21 * DAY),
    });
    const retention = (): RetentionQuery => ({
      startEvent: 'Account Created',
      returnEvent: 'Book Created',
      period: 'day',
      periods: 10,
      aggregateBy: 'user',
      from: iso(START),
      to: iso(START + 14 * DAY),
    });
    const without = () => events.filter((e) => personOf(e) !== VICTIM);
    const asOf = START + 20 * DAY;

    beforeAll(async () => {
      // Their name, as an identify call set it; then what Bindery did about the person: a signal, a task
      // naming them, an email to them, a CSM alert.
      const named = eventRow(project.id, START + DAY, {
        type: 'identify',
        event: '$identify',
        feature: '',
        user_id: VICTIM,
        traits: JSON.stringify({ name: NAME }),
      });
      await ch.insert({ table: 'events', values: [named], format: 'JSONEachRow' });
      events.push(named);
      const ruleId = '0190f5a4-0000-7000-8000-000000000001';
      const signalId = '0190f5a4-0000-7000-8000-000000000002';
      await sql`insert into rules (id, project_id, name, type, scope, params, cooldown_hours, enabled)
        values (${ruleId}, ${project.id}, 'Inactive', 'inactivity', 'user', '{}', 24, true)`.execute(db);
      await sql`insert into signals (id, project_id, rule_id, rule_version, subject_key, user_id, account_id, period_key, details)
        values (${signalId}, ${project.id}, ${ruleId}, 1, ${`user:${VICTIM}`}, ${VICTIM}, 'acct-02', '2026-03-10', '{}')`.execute(
        db,
      );
      await sql`insert into tasks (id, project_id, account_id, rule_id, title, body, priority, due_at, signal_ids)
        values ('0190f5a4-0000-7000-8000-000000000003', ${project.id}, 'acct-02', ${ruleId},
          ${`User ${VICTIM} (acct-02) went quiet`}, ${`Write to ${EMAIL}; user-70 is fine. ${NAME}, your most active user, went quiet.`}, 'P2', now(),
          ${JSON.stringify([signalId])})`.execute(db);
      await sql`insert into email_outbox (id, project_id, signal_id, kind, recipient, subject, html, text)
        values ('0190f5a4-0000-7000-8000-000000000004', ${project.id}, ${signalId}, 'training', ${EMAIL},
          'Getting started', ${`<p>Hi ${EMAIL}</p>`}, ${`Hi ${EMAIL}`}),
        ('0190f5a4-0000-7000-8000-000000000005', ${project.id}, ${signalId}, 'csm_alert', 'csm@vendor.example',
          ${`[P2] User ${VICTIM} (acct-02) went quiet`}, ${`<p>User ${VICTIM}</p>`}, ${`User ${VICTIM}`})`.execute(
        db,
      );
    });

    it('shows what Bindery holds about the person before', async () => {
      const res = await get<PersonDetail>(`people/${VICTIM}`);

      expect(res.status).toBe(200);
      expect(res.body.signals.map((s) => s.periodKey)).toEqual(['2026-03-10']);
      expect(res.body.tasks.map((x) => x.title)).toEqual([`User ${VICTIM} (acct-02) went quiet`]);
      expect(res.body.emails.map((e) => e.recipient).sort()).toEqual(['csm@vendor.example', EMAIL]);
      // The reports count the person now: the check after the deletion means something.
      expect(referenceFunnel(events, project.id, funnel())).not.toEqual(
        referenceFunnel(without(), project.id, funnel()),
      );
    });

    it('answers at once with a job, the same job when asked again, and finishes it', async () => {
      const first = await del(`people/${VICTIM}?suppress=true`);
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ suppress: true, finishedAt: null, error: null });
      expect(['queued', 'running']).toContain(first.body.state);
      const again = await del(`people/${VICTIM}`);
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(first.body.id);

      deletion = (
        await until(
          'the deletion to finish',
          () => get<PersonDeletion>(`deletions/${first.body.id}`),
          (r) => r.body.state !== 'queued' && r.body.state !== 'running',
        )
      ).body;

      expect(deletion.state).toBe('done');
      expect(deletion.counts).toMatchObject({
        'clickhouse.events': unique(events.filter((e) => personOf(e) === VICTIM)).length,
        'postgres.signals': 1,
        'postgres.tasks_redacted': 1,
        'postgres.emails_redacted': 2,
      });
      expect((await del(`people/${VICTIM}`)).body.id).toBe(first.body.id);
      expect((await get(`deletions/${first.body.id}`, other.secretKey, other.id)).status).toBe(404);
    });

    it('leaves no event of the person for the explorer, their page or their timeline', async () => {
      const res = await get<{ events: StoredEvent[] }>(`events?userId=${VICTIM}&limit=1000`);
      expect(res.body.events).toEqual([]);
      expect((await get(`people/${VICTIM}`)).status).toBe(404);
      expect((await get(`people/${VICTIM}/events`)).status).toBe(404);
      expect((await allPeople()).map((p) => p.id)).not.toContain(VICTIM);
    });

    it('takes exactly their share out of funnels, retention, active users and accounts', async () => {
      const f = await post('funnels/query', funnel());
      expect(f.body).toEqual(referenceFunnel(without(), project.id, funnel()));
      const r = await post('retention/query', retention());
      expect(r.body).toEqual(referenceRetention(without(), project.id, retention()));
      const activity = { from: iso(START), to: iso(START + 21 * DAY) };
      const a = await post('activity/query', activity);
      expect(a.body).toEqual(referenceActivity(without(), project.id, activity));
      const accounts = await get<{ accounts: unknown[] }>(`accounts?limit=500&asOf=${iso(asOf)}`);
      // The one open task is the task made above, on acct-02; deleting the person redacts it, never closes it.
      expect(accounts.body.accounts).toEqual(
        referenceAccounts(without(), project.id, asOf).map((a) => ({
          ...a,
          openTasks: a.id === 'acct-02' ? 1 : 0,
        })),
      );
      // The other project is untouched.
      const theirs = await get<PersonDetail>(`people/${VICTIM}`, other.secretKey, other.id);
      expect(theirs.status).toBe(200);
    });

    it('leaves no row in either store that holds their email, keeping the rows that count', async () => {
      for (const table of ['events', 'traits']) {
        const result = await ch.query({
          query: `SELECT count() AS n FROM ${table}
            WHERE project_id = {p:UUID} AND positionCaseInsensitive(toString(tuple(*)), {e:String}) > 0`,
          query_params: { p: project.id, e: EMAIL },
          format: 'JSONEachRow',
        });
        expect((await result.json<{ n: number | string }>()).map((r) => Number(r.n))).toEqual([0]);
      }
      for (const table of ['activity_daily', 'feature_daily']) {
        const result = await ch.query({
          query: `SELECT count() AS n FROM ${table} WHERE project_id = {p:UUID} AND user_id = {u:String}`,
          query_params: { p: project.id, u: VICTIM },
          format: 'JSONEachRow',
        });
        expect((await result.json<{ n: number | string }>()).map((r) => Number(r.n))).toEqual([0]);
      }
      const { rows: tables } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
      expect(tables.length).toBeGreaterThan(10);
      for (const { table_name } of tables) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(table_name)} as t
          where t::text ilike ${`%${EMAIL}%`} or t::text ~ ${`\\m${VICTIM}\\M`} or t::text ilike ${`%${NAME}%`}`.execute(
          db,
        );
        expect({ table_name, n: rows[0]?.n }).toEqual({ table_name, n: 0 });
      }
      const { rows: outbox } = await sql<{ n: number }>`
        select count(*)::int as n from email_outbox where project_id = ${project.id}`.execute(db);
      expect(outbox[0]?.n).toBe(2);
      const { rows: task } = await sql<{ title: string; body: string }>`
        select title, body from tasks where project_id = ${project.id}`.execute(db);
      expect(task).toEqual([
        {
          title: 'User [deleted person] (acct-02) went quiet',
          body: 'Write to [deleted person]; user-70 is fine. [deleted person], your most active user, went quiet.',
        },
      ]);
      const { rows: audit } = await sql<{ action: string; actor: string }>`
        select action, actor from audit_log where project_id = ${project.id} order by created_at`.execute(db);
      expect(audit.filter((a) => a.action.startsWith('person.'))).toEqual([
        { action: 'person.deletion_requested', actor: 'api' },
        { action: 'person.deleted', actor: 'api' },
      ]);
    });

    it('drops a suppressed id sending again, keeps the others of the batch, and emails the address no more', async () => {
      const res = await postJson(
        `${t.url}/v1/batch`,
        {
          batch: [
            { type: 'track', event: 'Came Back', userId: VICTIM, messageId: 'back-1' },
            { type: 'track', event: 'Came Back', anonymousId: 'fresh-anon', messageId: 'back-3' },
          ],
        },
        { authorization: basic(project.writeKey) },
      );
      expect(res.status).toBe(200);

      await until(
        'the event of the other person',
        () => get<{ events: StoredEvent[] }>('events?event=Came%20Back'),
        (r) => r.body.events.length > 0,
      );
      expect((await get<{ events: StoredEvent[] }>(`events?userId=${VICTIM}`)).body.events).toEqual([]);
      const suppressed = t.app.get(SuppressedPeopleRepository);
      expect(await suppressed.hasEmail(project.id, EMAIL.toUpperCase())).toBe(true);
      expect(await suppressed.hasEmail(other.id, EMAIL)).toBe(false);

      // Someone else identified with the deleted person's address gets no training email, and no outbox row.
      await ch.insert({
        table: 'events',
        values: [
          eventRow(project.id, Date.now(), {
            type: 'identify',
            event: '$identify',
            feature: '',
            user_id: 'user-new',
            traits: JSON.stringify({ email: EMAIL.toUpperCase() }),
          }),
        ],
        format: 'JSONEachRow',
      });
      const signal = {
        id: randomUUID(),
        project_id: project.id,
        user_id: 'user-new',
        account_id: null,
        details: {},
      };
      const written = await t.app
        .get(EmailService)
        .training(
          signal as unknown as Signal,
          { type: 'inactivity' } as Rule,
          'welcome',
          DEFAULT_PROJECT_SETTINGS,
          Date.now(),
        );
      expect(written).toEqual({ skipped: 'user user-new was deleted and their address suppressed' });
    });
  });
});
