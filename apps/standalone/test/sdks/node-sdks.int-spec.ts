import { randomUUID } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import { getJson, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

/** Stock Segment and PostHog Node clients, given Bindery's URL as their host, deliver events the API counts. */
describe('stock SDK clients against the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config));
  });
  afterAll(() => t.close());

  async function events(p: CreatedProject): Promise<StoredEvent[]> {
    const res = await getJson<{ events: StoredEvent[] }>(
      `${t.url}/v1/projects/${p.id}/events?limit=1000`,
      p.secretKey,
    );
    return res.body.events;
  }
  async function counts(p: CreatedProject): Promise<Record<string, number>> {
    const res = await getJson<{ definitions: { event: string; count: number }[] }>(
      `${t.url}/v1/projects/${p.id}/event-definitions`,
      p.secretKey,
    );
    return Object.fromEntries(res.body.definitions.map((d) => [d.event, d.count]));
  }

  it('@segment/analytics-node', async () => {
    const p = await t.createProject('segment-node');
    const analytics = new Analytics({ writeKey: p.writeKey, host: t.url, flushAt: 7, maxRetries: 3 });
    const failures: unknown[] = [];
    analytics.on('error', (e) => failures.push(e));
    analytics.identify({ userId: 'seg-1', traits: { email: 'seg@example.com' } });
    analytics.group({ userId: 'seg-1', groupId: 'seg-acct', traits: { plan: 'enterprise' } });
    for (let i = 0; i < 25; i++) {
      analytics.track({
        userId: 'seg-1',
        event: 'Report Viewed',
        properties: { i },
        context: { groupId: 'seg-acct' },
      });
    }
    analytics.page({ userId: 'seg-1', name: 'Home' });
    await analytics.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);

    expect(await counts(p)).toEqual({ 'Report Viewed': 25, $identify: 1, $group: 1, $page: 1 });
    const viewed = (await events(p)).filter((e) => e.event === 'Report Viewed');
    expect(viewed[0]).toMatchObject({
      userId: 'seg-1',
      accountId: 'seg-acct',
      library: { name: '@segment/analytics-node' },
    });
  });

  it('posthog-node', async () => {
    const p = await t.createProject('posthog-node');
    const posthog = new PostHog(p.writeKey, { host: t.url, flushAt: 5, flushInterval: 0 });
    const distinctId = `ph-${randomUUID()}`;
    posthog.identify({ distinctId, properties: { email: 'ph@example.com' } });
    posthog.groupIdentify({ groupType: 'company', groupKey: 'ph-acct', properties: { name: 'PH Inc' } });
    for (let i = 0; i < 12; i++) {
      posthog.capture({
        distinctId,
        event: 'chart created',
        properties: { i },
        groups: { company: 'ph-acct' },
      });
    }
    await posthog.shutdown(20_000);

    expect(await counts(p)).toEqual({ 'chart created': 12, $identify: 1, $groupidentify: 1 });
    const all = await events(p);
    expect(all.find((e) => e.event === 'chart created')).toMatchObject({
      userId: distinctId,
      accountId: 'ph-acct',
      library: { name: 'posthog-node' },
      source: 'posthog',
    });
    expect(all.find((e) => e.type === 'group')).toMatchObject({
      accountId: 'ph-acct',
      traits: { name: 'PH Inc' },
    });
    expect(all.find((e) => e.type === 'identify')?.traits).toEqual({ email: 'ph@example.com' });
  });
});
