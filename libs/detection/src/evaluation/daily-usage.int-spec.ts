import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { type EventRow } from '@bindery/contracts';
import { EventQueriesModule, QueryRunner } from '@bindery/event-queries';
import { type DayWindow } from '@bindery/rules';
import { generateEvents, nth, personFor, personMap, startTestContext } from '@bindery/testing';
import { ActionCounts, activeUsersByDayQuery, type DailyUsageRow } from './daily-usage';

const DAY = 86_400_000;
const START = Date.UTC(2025, 2, 3);
const START_DAY = START / DAY;
const WINDOW: DayWindow = { firstDay: START_DAY, lastDay: START_DAY + 27 };

/** Brute force: each account's actions (each event id once) per day of the window, from the rows stored. */
function expected(events: EventRow[], projectId: string, window: DayWindow): Record<string, number[][]> {
  const seen = new Set<string>();
  const counts = new Map<string, Map<number, number>>();
  for (const e of events) {
    const day = Math.floor(e.timestamp / DAY);
    if (e.project_id !== projectId || !['track', 'page', 'screen'].includes(e.type)) continue;
    if (e.account_id === '' || day < window.firstDay || day > window.lastDay || seen.has(e.event_id))
      continue;
    seen.add(e.event_id);
    const days = counts.get(e.account_id) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + 1);
    counts.set(e.account_id, days);
  }
  return Object.fromEntries(
    [...counts].map(([account, days]) => [account, [...days].sort((a, b) => a[0] - b[0])]),
  );
}

/** Brute force: each account's active people (stored ids merged by identity links) per day of the window. */
function expectedPeople(
  events: EventRow[],
  projectId: string,
  window: DayWindow,
): Record<string, number[][]> {
  const byId = new Map<string, EventRow>();
  for (const e of events) if (e.project_id === projectId && !byId.has(e.event_id)) byId.set(e.event_id, e);
  const rows = [...byId.values()];
  const persons = personMap(rows);
  const people = new Map<string, Map<number, Set<string>>>();
  for (const e of rows) {
    const day = Math.floor(e.timestamp / DAY);
    if (!['track', 'page', 'screen'].includes(e.type) || e.account_id === '') continue;
    if (day < window.firstDay || day > window.lastDay) continue;
    const days = people.get(e.account_id) ?? new Map<number, Set<string>>();
    const who = days.get(day) ?? new Set<string>();
    who.add(personFor(persons, e.user_id !== '' ? e.user_id : e.anonymous_id));
    days.set(day, who);
    people.set(e.account_id, days);
  }
  return Object.fromEntries(
    [...people].map(([account, days]) => [
      account,
      [...days].map(([day, who]) => [day, who.size]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
    ]),
  );
}

const plain = (rows: DailyUsageRow[]) =>
  Object.fromEntries(rows.map((r) => [r.account_id, r.days.map(([day, n]) => [day, n])]));

/**
 * The actions per account and day that evaluations keep between runs, against a brute-force count of the
 * stored events, as events arrive late, retries are merged away and a person is deleted: real chDB.
 */
describe('ActionCounts', () => {
  let app: INestApplicationContext;
  let client: ClickHouseClient;
  let runner: QueryRunner;
  let counts: ActionCounts;
  const projectId = uuidv7();
  let events: EventRow[];

  /** The windows of the days counted again by each read since the last call (none: all from memory). */
  let recounted: () => DayWindow[];

  beforeAll(async () => {
    app = await startTestContext({
      imports: [ClickHouseModule, EventQueriesModule],
      providers: [ActionCounts],
    });
    client = app.get<ClickHouseClient>(CLICKHOUSE);
    runner = app.get(QueryRunner);
    counts = app.get(ActionCounts);
    const rows = jest.spyOn(runner, 'rows');
    recounted = () => {
      const windows = rows.mock.calls
        .filter(([q]) => q.query.includes('FROM events FINAL'))
        .map(([q]) => ({ firstDay: Number(q.params.firstDay), lastDay: Number(q.params.lastDay) }));
      rows.mockClear();
      return windows;
    };

    events = generateEvents({ seed: 41, projectId, users: 24, accounts: 5, days: 28, start: START });
    await client.command({ query: 'SYSTEM STOP MERGES events' });
    await client.insert({ table: 'events', values: events, format: 'JSONEachRow' });
  }, 120_000);

  afterAll(async () => {
    await client.command({ query: 'SYSTEM START MERGES events' });
    await app.close();
  });

  it('counts every day on the first read, then reads them from memory while nothing changed', async () => {
    const want = expected(events, projectId, WINDOW);
    expect(Object.keys(want).length).toBeGreaterThan(3);
    // The data holds retried events (an id twice) that the count must take once.
    expect(new Set(events.map((e) => e.event_id)).size).toBeLessThan(events.length);

    expect(plain(await counts.rows(projectId, WINDOW))).toEqual(want);
    expect(recounted()).toEqual([WINDOW]);

    expect(plain(await counts.rows(projectId, WINDOW))).toEqual(want);
    expect(recounted()).toEqual([]);
  });

  it('counts the active people of each account per day, merged by identity links', async () => {
    const want = expectedPeople(events, projectId, WINDOW);
    const rows = await runner.rows(activeUsersByDayQuery(projectId, WINDOW));
    const sorted = rows.map((r) => ({ ...r, days: [...r.days].sort((a, b) => a[0] - b[0]) }));
    expect(plain(sorted)).toEqual(want);
    // Some account's people differ from its stored ids: the links are applied.
    expect(events.some((e) => e.type === 'identify' && e.anonymous_id !== '')).toBe(true);

    const some = await runner.rows(activeUsersByDayQuery(projectId, WINDOW, ['acct-00']));
    expect(some.map((r) => r.account_id)).toEqual(['acct-00']);
  });

  it('counts again only the days of late events and of a retry', async () => {
    const old = nth(
      events.filter((e) => e.type === 'track' && e.account_id !== '' && e.timestamp < START + 5 * DAY),
      0,
    );
    const lateDay = START_DAY + 10;
    const late: EventRow[] = [
      { ...old, event_id: uuidv7(), timestamp: lateDay * DAY + 3_600_000, received_at: Date.now() },
      // The same event again, as a retried request stores it: counted once.
      { ...old, received_at: Date.now() },
    ];
    events.push(...late);
    await client.insert({ table: 'events', values: late, format: 'JSONEachRow' });

    expect(plain(await counts.rows(projectId, WINDOW))).toEqual(expected(events, projectId, WINDOW));
    const oldDay = Math.floor(old.timestamp / DAY);
    expect(recounted()).toEqual([{ firstDay: oldDay, lastDay: lateDay }]);
  });

  it('counts again the days a deleted person acted on, and those merged', async () => {
    const gone = nth(
      events.filter((e) => e.user_id !== '' && e.account_id !== ''),
      0,
    ).user_id;
    // A mutation runs as a merge does.
    await client.command({ query: 'SYSTEM START MERGES events' });
    await client.command({
      query: `ALTER TABLE events DELETE WHERE project_id = {projectId:UUID} AND user_id = {user:String}`,
      query_params: { projectId, user: gone },
      clickhouse_settings: { mutations_sync: '2' },
    });
    // Retries merged away too, then nothing more, so that the next test sees only its own change.
    await client.command({ query: 'OPTIMIZE TABLE events FINAL' });
    await client.command({ query: 'SYSTEM STOP MERGES events' });
    events = events.filter((e) => e.project_id !== projectId || e.user_id !== gone);

    expect(plain(await counts.rows(projectId, WINDOW))).toEqual(expected(events, projectId, WINDOW));
    expect(recounted().length).toBe(1);
  });

  it('reads a wider window with the days it has not counted yet', async () => {
    const wider = { firstDay: WINDOW.firstDay - 14, lastDay: WINDOW.lastDay };
    const early = events
      .filter((e) => e.type === 'page' && e.account_id !== '')
      .slice(0, 3)
      .map((e, i) => ({ ...e, event_id: uuidv7(), timestamp: (wider.firstDay + i) * DAY + 1000 }));
    events.push(...early);
    await client.insert({ table: 'events', values: early, format: 'JSONEachRow' });

    expect(plain(await counts.rows(projectId, wider))).toEqual(expected(events, projectId, wider));
    expect(plain(await counts.rows(projectId, WINDOW))).toEqual(expected(events, projectId, WINDOW));
    // Counted again: the days before the window with any event, the new ones first among them.
    const before = events
      .filter((e) => e.project_id === projectId)
      .map((e) => Math.floor(e.timestamp / DAY))
      .filter((day) => day >= wider.firstDay && day < WINDOW.firstDay);
    expect(recounted()).toEqual([{ firstDay: wider.firstDay, lastDay: Math.max(...before) }]);
  });
});
