import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { loadConfig } from '@bindery/config';
import { type EventRow } from '@bindery/contracts';
import { workerDataDir, eventRow } from '@bindery/testing';
import { createClickHouseClient } from './clickhouse.client';
import { ClickHouseMigrator, defaultMigrationsDir, readMigrations } from './migration-runner';

/** A track of "Used" by u1 in a1 on 2026-03-02; `over` sets the rest. */
const row = (projectId: string, over: Partial<EventRow> = {}) =>
  eventRow(projectId, Date.parse('2026-03-02T10:00:00Z'), {
    event: 'Used',
    feature: 'Used',
    user_id: 'u1',
    account_id: 'a1',
    library_name: '',
    library_version: '',
    ...over,
  });

async function rows<T>(
  client: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}

describe('ClickHouse on chDB', () => {
  const config = loadConfig({ DATA_DIR: workerDataDir() }, { port: 0 });
  let client: ClickHouseClient;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    client = createClickHouseClient(config);
    await new ClickHouseMigrator(client, {}, readMigrations(defaultMigrationsDir())).migrate();
  });
  afterAll(() => client.close());

  describe('migrations', () => {
    it('are recorded and applying them again applies nothing', async () => {
      const migrations = readMigrations(defaultMigrationsDir());
      expect(await new ClickHouseMigrator(client, {}, migrations).migrate()).toEqual([]);
      const applied = await rows<{ version: string }>(
        client,
        'SELECT DISTINCT version FROM schema_migrations ORDER BY version',
        {},
      );
      expect(applied.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    });

    it('refuse a migration whose file changed after it was applied', async () => {
      const migrations = readMigrations(defaultMigrationsDir());
      const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
      await expect(new ClickHouseMigrator(client, {}, edited).migrate()).rejects.toThrow(
        /changed after it was applied/,
      );
    });
  });

  describe('events table and rollups', () => {
    it('deduplicates on the event id in FINAL reads and in the rollups', async () => {
      const projectId = randomUUID();
      const first = row(projectId, { event_id: 'same-id' });
      const retry = { ...first, timestamp: first.timestamp + 37, received_at: first.received_at + 1000 };
      const other = row(projectId, { user_id: 'u2', feature: 'export', event: 'Exported' });
      await client.insert({ table: 'events', values: [first, other], format: 'JSONEachRow' });
      await client.insert({ table: 'events', values: [retry], format: 'JSONEachRow' });

      const [counted] = await rows<{ n: string }>(
        client,
        'SELECT count() AS n FROM events FINAL WHERE project_id = {p:UUID}',
        { p: projectId },
      );
      expect(Number(counted?.n)).toBe(2);

      const daily = await rows<{ user_id: string; events: string; features: string }>(
        client,
        `SELECT user_id, uniqExactMerge(events) AS events, uniqExactMerge(features) AS features
         FROM activity_daily WHERE project_id = {p:UUID} GROUP BY user_id ORDER BY user_id`,
        { p: projectId },
      );
      expect(daily.map((d) => [d.user_id, Number(d.events), Number(d.features)])).toEqual([
        ['u1', 1, 1],
        ['u2', 1, 1],
      ]);
      const features = await rows<{ feature: string; uses: string }>(
        client,
        `SELECT feature, uniqExactMerge(uses) AS uses FROM feature_daily WHERE project_id = {p:UUID} GROUP BY feature ORDER BY feature`,
        { p: projectId },
      );
      expect(features.map((f) => [f.feature, Number(f.uses)])).toEqual([
        ['Used', 1],
        ['export', 1],
      ]);
    });

    it('answers first and last seen per user and account, and account membership, from activity_daily', async () => {
      const projectId = randomUUID();
      const t0 = Date.parse('2026-04-01T08:00:00Z');
      await client.insert({
        table: 'events',
        values: [0, 3, 1].map((day) => row(projectId, { timestamp: t0 + day * 86_400_000 })),
        format: 'JSONEachRow',
      });
      const [user] = await rows<{ first: string; last: string }>(
        client,
        `SELECT toUnixTimestamp64Milli(min(first_seen)) AS first, toUnixTimestamp64Milli(max(last_seen)) AS last
         FROM activity_daily WHERE project_id = {p:UUID} AND user_id = 'u1'`,
        { p: projectId },
      );
      expect([Number(user?.first), Number(user?.last)]).toEqual([t0, t0 + 3 * 86_400_000]);
      const accounts = await rows<{ account_id: string; users: string; last: string }>(
        client,
        `SELECT account_id, groupUniqArray(user_id) AS users, toUnixTimestamp64Milli(max(last_seen)) AS last
         FROM activity_daily WHERE project_id = {p:UUID} GROUP BY account_id`,
        { p: projectId },
      );
      expect(accounts.map((a) => [a.account_id, a.users, Number(a.last)])).toEqual([
        ['a1', ['u1'], t0 + 3 * 86_400_000],
      ]);
    });

    it('merges identify traits per key, newest value winning, and group traits per account', async () => {
      const projectId = randomUUID();
      const t0 = Date.parse('2026-05-01T00:00:00Z');
      await client.insert({
        table: 'events',
        values: [
          row(projectId, {
            type: 'identify',
            event: '$identify',
            feature: '',
            timestamp: t0,
            traits: '{"plan":"free","email":"a@x.io"}',
          }),
          row(projectId, {
            type: 'identify',
            event: '$identify',
            feature: '',
            timestamp: t0 + 1000,
            traits: '{"plan":"pro"}',
          }),
          row(projectId, {
            type: 'group',
            event: '$group',
            feature: '',
            user_id: '',
            account_id: 'acme',
            traits: '{"mrr":500,"csm_email":"c@x.io"}',
          }),
        ],
        format: 'JSONEachRow',
      });
      const traits = (kind: string, subject: string) =>
        rows<{ key: string; value: string }>(
          client,
          `SELECT key, argMax(value, updated_at) AS value FROM traits
           WHERE project_id = {p:UUID} AND kind = {kind:String} AND subject_id = {subject:String} GROUP BY key ORDER BY key`,
          { p: projectId, kind, subject },
        );
      expect(await traits('user', 'u1')).toEqual([
        { key: 'email', value: '"a@x.io"' },
        { key: 'plan', value: '"pro"' },
      ]);
      expect(await traits('account', 'acme')).toEqual([
        { key: 'csm_email', value: '"c@x.io"' },
        { key: 'mrr', value: '500' },
      ]);
      expect(await traits('user', '')).toEqual([]);
    });
  });
});
