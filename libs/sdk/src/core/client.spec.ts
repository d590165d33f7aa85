import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakePlatform, memoryIdentity, recordingLogger } from '../testing/fake-platform';
import { BinderyClient, FEATURE_EVENT } from './client';
import { type BinderyOptions, type Message } from './types';
import { LIBRARY_NAME, VERSION } from './version';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup(platform = new FakePlatform(), options: Partial<BinderyOptions> = {}) {
  const log = recordingLogger();
  const client = new BinderyClient(
    { writeKey: 'wk_test', host: 'https://ingest.test', logger: log, ...options },
    platform,
  );
  /** The messages the client sent, once flushed. */
  const sent = async (): Promise<Message[]> => {
    await client.flush();
    return platform.sent();
  };
  return { client, platform, log, sent };
}

describe('BinderyClient messages', () => {
  it('builds each call type as a Segment message', async () => {
    const { client, sent, log } = setup();
    client.track('Report Exported', { format: 'csv' }, { userId: 'u1', groupId: 'acme' });
    client.identify('u1', { email: 'ann@example.com' });
    client.group('acme', { plan: 'pro' }, { userId: 'u1' });
    client.page('Pricing', { path: '/pricing' }, { anonymousId: 'a1' });
    client.alias('u1', 'a1');
    const [track, identify, group, page, alias] = await sent();
    expect(log.warnings).toEqual([]);

    const library = { name: LIBRARY_NAME, version: VERSION };
    expect(track).toEqual({
      type: 'track',
      event: 'Report Exported',
      properties: { format: 'csv' },
      userId: 'u1',
      messageId: expect.stringMatching(UUID_V7),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      context: { platform: 'fake', library, groupId: 'acme' },
    });
    expect(identify).toMatchObject({ type: 'identify', userId: 'u1', traits: { email: 'ann@example.com' } });
    expect(group).toMatchObject({ type: 'group', userId: 'u1', groupId: 'acme', traits: { plan: 'pro' } });
    expect(group?.context.groupId).toBe('acme');
    expect(page).toMatchObject({
      type: 'page',
      name: 'Pricing',
      anonymousId: 'a1',
      properties: { path: '/pricing' },
    });
    expect(alias).toMatchObject({ type: 'alias', userId: 'u1', previousId: 'a1' });
    expect(new Set([track, identify, group, page, alias].map((m) => m?.messageId)).size).toBe(5);
  });

  it('feature() records Feature Used with properties.feature and properties.action', async () => {
    const { client, sent } = setup();
    client.feature(
      'export',
      'completed',
      { format: 'csv', feature: 'ignored', action: 'ignored' },
      { userId: 'u1' },
    );
    expect((await sent())[0]).toMatchObject({
      type: 'track',
      event: FEATURE_EVENT,
      properties: { format: 'csv', feature: 'export', action: 'completed' },
    });
  });

  it('takes the id, time and extra context of a call from its options', async () => {
    const { client, sent } = setup();
    client.track(
      'Imported',
      {},
      {
        userId: 'u1',
        messageId: 'import-42',
        timestamp: new Date('2026-03-01T10:00:00Z'),
        context: { ip: '203.0.113.9' },
      },
    );
    client.track('Imported', {}, { userId: 'u1', timestamp: 1_772_359_200_000 });
    const [a, b] = await sent();
    expect(a).toMatchObject({ messageId: 'import-42', timestamp: '2026-03-01T10:00:00.000Z' });
    expect(a?.context).toMatchObject({ ip: '203.0.113.9', library: { name: LIBRARY_NAME } });
    expect(b?.timestamp).toBe('2026-03-01T10:00:00.000Z');
  });

  it('without a kept identity, drops a call that names neither a user nor an anonymous id', async () => {
    const { client, sent, log } = setup();
    client.track('Anonymous');
    client.group('acme');
    expect((await sent()).map((m) => m.type)).toEqual(['group']);
    expect(log.warnings).toEqual(['Bindery: dropped a track event with neither a userId nor an anonymousId']);
  });

  it('refuses calls without their required names, with a warning', async () => {
    const { client, sent, log } = setup();
    client.track('');
    client.feature('', 'x');
    client.identify('');
    client.group('');
    client.alias('u1');
    expect(await sent()).toEqual([]);
    expect(log.warnings).toHaveLength(5);
  });

  it('needs a write key and a host; an option given as undefined keeps its default', async () => {
    expect(() => new BinderyClient({ writeKey: '', host: 'x' }, new FakePlatform())).toThrow('writeKey');
    expect(() => new BinderyClient({ writeKey: 'wk' } as BinderyOptions, new FakePlatform())).toThrow('host');
    const { client, platform } = setup(new FakePlatform(), { flushAt: undefined });
    for (let i = 0; i < 20; i++) client.track('E', {}, { userId: 'u' });
    await Promise.resolve();
    expect(platform.requests).toHaveLength(1); // the default flushAt, 20
  });

  it('keeps its version equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});

describe('BinderyClient with a kept identity (the browser)', () => {
  function browserLike() {
    const platform = new FakePlatform();
    platform.identity = memoryIdentity('anon-1');
    let session = 0;
    platform.session = (_now: number, reset?: boolean) => `s${reset ? ++session : session}`;
    platform.pageProperties = () => ({ url: 'https://app.test/reports', path: '/reports' });
    return setup(platform);
  }

  it('carries the anonymous id, then the user and account once identified, and the session', async () => {
    const { client, sent } = browserLike();
    client.track('Before');
    client.identify('u1');
    client.group('acme');
    client.track('After');
    const messages = await sent();
    expect(messages[0]).toMatchObject({ anonymousId: 'anon-1', context: { sessionId: 's0' } });
    expect(messages[0]?.userId).toBeUndefined();
    expect(messages[3]).toMatchObject({ anonymousId: 'anon-1', userId: 'u1', context: { groupId: 'acme' } });
    expect(client.user()).toEqual({ anonymousId: 'anon-1', userId: 'u1', groupId: 'acme' });
  });

  it('page() fills in the page, alias() links the current id, reset() forgets the user', async () => {
    const { client, sent } = browserLike();
    client.identify('u1');
    client.page(undefined, { extra: 1 });
    client.alias('u2');
    client.reset();
    client.track('After Reset');
    const [, page, alias, afterReset] = await sent();
    expect(page?.properties).toEqual({ url: 'https://app.test/reports', path: '/reports', extra: 1 });
    expect(page?.name).toBeUndefined();
    expect(alias).toMatchObject({ userId: 'u2', previousId: 'u1' });
    expect(afterReset?.userId).toBeUndefined();
    expect(afterReset?.anonymousId).toMatch(UUID_V7);
    expect(afterReset?.context.sessionId).toBe('s1');
  });
});
