import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { type EventRow } from '@bindery/contracts';
import { EventQueriesModule, QueryRunner } from '@bindery/event-queries';
import { generateEvents, personFor, personMap, startTestContext } from '@bindery/testing';
import { accountsOfUsersQuery } from './rule-inputs.query';

const ACTIONS = new Set(['track', 'page', 'screen']);

/** Brute force: each person's account of their latest action in an account (events taken once by id). */
function expectedAccounts(events: EventRow[], projectId: string): Map<string, string> {
  const byId = new Map<string, EventRow>();
  for (const e of events) if (e.project_id === projectId && !byId.has(e.event_id)) byId.set(e.event_id, e);
  const rows = [...byId.values()];
  const persons = personMap(rows);
  const latest = new Map<string, EventRow>();
  for (const e of rows) {
    if (!ACTIONS.has(e.type) || e.account_id === '') continue;
    const person = personFor(persons, e.user_id !== '' ? e.user_id : e.anonymous_id);
    const before = latest.get(person);
    if (!before || e.timestamp > before.timestamp) latest.set(person, e);
  }
  return new Map([...latest].map(([person, e]) => [person, e.account_id]));
}

/**
 * The account a signal about a person names: the account of the person's latest action, whichever of their
 * ids (user id, the anonymous ids identity links merged into it) it was stored under. Real chDB.
 */
describe('accountsOfUsersQuery', () => {
  let app: INestApplicationContext;
  let runner: QueryRunner;
  const projectId = uuidv7();
  let events: EventRow[];

  beforeAll(async () => {
    app = await startTestContext({ imports: [ClickHouseModule, EventQueriesModule] });
    runner = app.get(QueryRunner);
    events = generateEvents({ seed: 57, projectId, users: 40, accounts: 6, days: 28 });
    await app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: events, format: 'JSONEachRow' });
  }, 120_000);

  afterAll(() => app.close());

  it('names the account of each person’s latest action, their merged anonymous visits included', async () => {
    const want = expectedAccounts(events, projectId);
    const persons = personMap(events.filter((e) => e.project_id === projectId));
    // Some people acted under an anonymous id merged into them: the case the query must resolve.
    expect(persons.merged.size).toBeGreaterThan(0);
    const asked = [...want.keys(), 'nobody'];
    const rows = await runner.rows(accountsOfUsersQuery(projectId, asked));
    expect(new Map(rows.map((r) => [r.user, r.account]))).toEqual(want);
  });

  it('answers for the people asked only, never for an id merged into another person', async () => {
    const persons = personMap(events.filter((e) => e.project_id === projectId));
    const [merged, person] = [...persons.merged][0] ?? [];
    if (merged === undefined || person === undefined) throw new Error('the generated events merged nobody');
    const rows = await runner.rows(accountsOfUsersQuery(projectId, [merged]));
    expect(rows).toEqual([]);
    const one = await runner.rows(accountsOfUsersQuery(projectId, [person]));
    expect(one.map((r) => r.user)).toEqual([person]);
  });
});
