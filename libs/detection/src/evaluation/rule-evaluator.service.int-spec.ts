import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Queue } from 'bullmq';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { DbModule, ProjectRepository, RuleRepository, SignalRepository } from '@bindery/db';
import { EventQueriesModule } from '@bindery/event-queries';
import { QUEUES, QueuesModule, RedisModule } from '@bindery/queue';
import { eventRow, startTestContext } from '@bindery/testing';
import { ActionCounts } from './daily-usage';
import { HealthService } from './health.service';
import { RuleEvaluator } from './rule-evaluator.service';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 4, 20, 12);
const TODAY = Math.floor(NOW / DAY);

/**
 * The rule evaluator as the rules worker calls it, without HTTP: real chDB and PGlite, BullMQ on the Redis
 * server (no processor: the jobs it adds stay queued to be looked at). A user quiet past the rule's days gets
 * one signal, handed to the notifier's queue; evaluating again at the same moment adds nothing.
 */
describe('RuleEvaluator on real stores', () => {
  let app: INestApplicationContext;
  let evaluator: RuleEvaluator;
  const projectId = uuidv7();
  let ruleId: string;

  beforeAll(async () => {
    app = await startTestContext({
      imports: [ClickHouseModule, DbModule, RedisModule, QueuesModule.forRoot(), EventQueriesModule],
      providers: [RuleEvaluator, HealthService, ActionCounts],
    });
    evaluator = app.get(RuleEvaluator);

    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: `evaluator-${randomBytes(4).toString('hex')}` },
      project: { id: projectId, name: 'evaluator' },
      keys: [{ id: uuidv7(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_e' }],
    });
    ruleId = uuidv7();
    await app.get(RuleRepository).create({
      id: ruleId,
      projectId,
      name: 'Gone quiet',
      type: 'inactivity',
      scope: 'user',
      params: { days: 7, lookbackDays: 30 },
      cooldownHours: 0,
      enabled: true,
    });
    const at = (daysAgo: number) => (TODAY - daysAgo) * DAY + 10 * 3_600_000;
    await app.get<ClickHouseClient>(CLICKHOUSE).insert({
      table: 'events',
      values: [
        // Quiet for 12 days after being active: a signal.
        eventRow(projectId, at(20), { user_id: 'ann', account_id: 'acme' }),
        eventRow(projectId, at(12), { user_id: 'ann', account_id: 'acme' }),
        // Active yesterday: none.
        eventRow(projectId, at(15), { user_id: 'bo', account_id: 'acme' }),
        eventRow(projectId, at(1), { user_id: 'bo', account_id: 'acme' }),
      ],
      format: 'JSONEachRow',
    });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  it('raises one signal for the quiet user and queues it for the notifier; the same run again adds none', async () => {
    const first = await evaluator.evaluate(projectId, NOW);
    const stored = await app.get(SignalRepository).list(projectId, { limit: 10 });
    const queued = await app.get<Queue>(getQueueToken(QUEUES.signals)).getJobs(['waiting', 'delayed']);
    const again = await evaluator.evaluate(projectId, NOW);

    expect(first).toMatchObject({ signals: 1, resolved: 0, [ruleId]: 1 });
    expect(stored).toEqual([
      expect.objectContaining({ rule_id: ruleId, user_id: 'ann', account_id: 'acme', resolved_at: null }),
    ]);
    expect(queued.map((job) => job.data as unknown)).toEqual([{ projectId, signalIds: [stored[0]?.id] }]);
    expect(again).toMatchObject({ signals: 0, [ruleId]: 0 });
    expect(await app.get(SignalRepository).list(projectId, { limit: 10 })).toHaveLength(1);
  });

  it('keeps a health signal open while the account stays under the project’s at-risk line', async () => {
    // The default pack's health rule: no threshold of its own, so the project's at-risk line (40) applies.
    const other = uuidv7();
    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: `evaluator-${randomBytes(4).toString('hex')}` },
      project: { id: other, name: 'at risk' },
      keys: [{ id: uuidv7(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_h' }],
    });
    const healthRule = uuidv7();
    await app.get(RuleRepository).create({
      id: healthRule,
      projectId: other,
      name: 'At risk or down 20 points',
      type: 'health_drop',
      scope: 'account',
      params: { delta: 20, days: 14 },
      cooldownHours: 0,
      enabled: true,
    });
    // Last active 60 days ago: recency and active share 0, trend 50, no key features; 22 every day, no drop.
    await app.get<ClickHouseClient>(CLICKHOUSE).insert({
      table: 'events',
      values: [eventRow(other, (TODAY - 60) * DAY, { user_id: 'cy', account_id: 'dormant' })],
      format: 'JSONEachRow',
    });

    expect(await evaluator.evaluate(other, NOW)).toMatchObject({ [healthRule]: 1, resolved: 0 });
    expect(await evaluator.evaluate(other, NOW + 3_600_000)).toMatchObject({ [healthRule]: 0, resolved: 0 });
    expect(await app.get(SignalRepository).list(other, { limit: 10 })).toEqual([
      expect.objectContaining({ account_id: 'dormant', resolved_at: null }),
    ]);
  });
});
