import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { type EventRow } from '@bindery/contracts';
import { EventQueriesModule, QueryRunner } from '@bindery/event-queries';
import { DAY_MS, type DayWindow } from '@bindery/rules';
import { DEFAULT_START, generateEvents, personFor, personMap, startTestContext } from '@bindery/testing';
import { featureUsersByDayQuery } from './health.query';

/**
 * Brute force: for each feature used in the 30 days up to any day of the span, the people who used it in the 30
 * days up to each day (events taken once by id, people merged by identity links).
 */
function expectedFeatureUsers(events: EventRow[], projectId: string, span: DayWindow): Map<string, number[]> {
  const byId = new Map<string, EventRow>();
  for (const e of events) if (e.project_id === projectId && !byId.has(e.event_id)) byId.set(e.event_id, e);
  const rows = [...byId.values()];
  const persons = personMap(rows);
  const days = Array.from({ length: span.lastDay - span.firstDay + 1 }, (_, i) => span.firstDay + i);
  const users = new Map<string, Set<string>[]>();
  for (const e of rows) {
    const day = Math.floor(e.timestamp / DAY_MS);
    if (e.feature === '' || day <= span.firstDay - 30 || day > span.lastDay) continue;
    let perDay = users.get(e.feature);
    if (!perDay) users.set(e.feature, (perDay = days.map(() => new Set())));
    const person = personFor(persons, e.user_id !== '' ? e.user_id : e.anonymous_id);
    days.forEach((d, i) => {
      if (day > d - 30 && day <= d) perDay[i]!.add(person);
    });
  }
  return new Map([...users].map(([feature, sets]) => [feature, sets.map((s) => s.size)]));
}

/**
 * Each feature's users in the 30 days up to each day of a span, as health ranks its key features by: the short
 * spans of an hourly evaluation (one set per stretch of days) and the long ones of a back-fill (runs of days),
 * against the brute force on generated events with late identity links. Real chDB.
 */
describe('featureUsersByDayQuery', () => {
  let app: INestApplicationContext;
  let runner: QueryRunner;
  const projectId = uuidv7();
  let events: EventRow[];
  const last = DEFAULT_START / DAY_MS + 40;

  beforeAll(async () => {
    app = await startTestContext({ imports: [ClickHouseModule, EventQueriesModule] });
    runner = app.get(QueryRunner);
    events = generateEvents({ seed: 91, projectId, users: 50, accounts: 5, days: 45, eventsPerUser: 60 });
    await app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: events, format: 'JSONEachRow' });
  }, 120_000);

  afterAll(() => app.close());

  it('has people merged by links and windows that differ from one day to the next', () => {
    expect(personMap(events.filter((e) => e.project_id === projectId)).merged.size).toBeGreaterThan(0);
    const two = expectedFeatureUsers(events, projectId, { firstDay: last - 1, lastDay: last });
    expect([...two.values()].some(([a, b]) => a !== b)).toBe(true);
  });

  it.each([
    ['one day', 1],
    ['two days', 2],
    ['a week (runs of days)', 7],
    ['the back-fill’s 90 days', 90],
  ])('counts each feature’s people over %s', async (_name, days) => {
    const span = { firstDay: last - days + 1, lastDay: last };
    const rows = await runner.rows(featureUsersByDayQuery(projectId, span));
    const got = new Map(rows.map((r) => [r.feature, r.users.map(Number)]));
    expect(got).toEqual(expectedFeatureUsers(events, projectId, span));
  });
});
