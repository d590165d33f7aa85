import { type CreatedProject, type ProjectSettings } from '@bindery/contracts';
import { bearer, createTestUser, getJson, startTestApp, type TestApp, TestSession } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const WEIGHTS = { recency: 40, activeShare: 20, breadth: 20, trend: 10, signals: 10 };

/**
 * PATCH …/settings over HTTP: the fields a change names replace the stored ones, null puts one back to its
 * default, the rest stay; a bad change answers 400 and changes nothing; only owners and admins may change.
 */
describe('project settings: PATCH', () => {
  let t: TestApp;
  let project: CreatedProject;

  const settingsUrl = () => `${t.url}/v1/projects/${project.id}/settings`;
  const send = (method: 'PUT' | 'PATCH', body: unknown, token = project.secretKey) =>
    fetch(settingsUrl(), {
      method,
      headers: { authorization: bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const stored = async () => (await getJson<ProjectSettings>(settingsUrl(), project.secretKey)).body;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await t.createProject('settings-patch');
    const put = await send('PUT', {
      healthWeights: WEIGHTS,
      keyFeatures: ['export', 'share'],
      atRiskBelow: 40,
      csmDomains: ['vendor.example'],
      eventRetentionDays: 400,
    });
    expect(put.status).toBe(200);
  }, 120_000);
  afterAll(() => t.close(), 60_000);

  it('changes the fields it names and keeps the others', async () => {
    const before = await stored();
    const res = await send('PATCH', { timeZone: 'Europe/Berlin', csmDomains: ['Other.Example'] });
    expect(res.status).toBe(200);
    const answered = (await res.json()) as ProjectSettings;
    // Checked as PUT checks: the domain stored lower-case.
    const expected = { ...before, timeZone: 'Europe/Berlin', csmDomains: ['other.example'] };
    expect(answered).toEqual(expected);
    expect(await stored()).toEqual(expected);
    expect(expected).toMatchObject({
      healthWeights: WEIGHTS,
      keyFeatures: ['export', 'share'],
      atRiskBelow: 40,
    });
  });

  it('puts a field named with null back to its default', async () => {
    const res = await send('PATCH', { atRiskBelow: null, eventRetentionDays: null, keyFeatures: null });
    expect(res.status).toBe(200);
    const now = await stored();
    expect(now.atRiskBelow).toBe(50);
    expect(now.keyFeatures).toEqual([]);
    // No retention: events kept until deleted, as a project that never set one.
    expect(now).not.toHaveProperty('eventRetentionDays');
    expect(now).toMatchObject({ healthWeights: WEIGHTS, timeZone: 'Europe/Berlin' });
  });

  it('refuses a bad change with a clear 400 and keeps the settings as they were', async () => {
    const before = await stored();
    for (const [body, names] of [
      [{}, /fewer than 1|minProperties|at least 1/i],
      [{ healthWeights: { sentiment: 10 } }, /^body\.healthWeights must have required property 'recency'$/],
      [{ atRiskBelow: 0 }, /atRiskBelow/],
      [{ timeZone: 'Mars/Olympus' }, /timeZone/],
      [{ csms: [{ email: 'Ann <ann@vendor.example>' }] }, /csms\.0\.email/],
      [{ nonsense: true }, /nonsense|additional/i],
    ] as const) {
      const res = await send('PATCH', body);
      const answer = (await res.json()) as { error: { code: string; message: string } };
      expect([body, res.status, answer.error.code]).toEqual([body, 400, 'invalid_input']);
      expect([body, answer.error.message]).toEqual([body, expect.stringMatching(names)]);
    }
    expect(await stored()).toEqual(before);
  });

  it('lets owners and admins change settings, not a CSM or a request without the secret key', async () => {
    const before = await stored();
    await createTestUser(t, project.id, {
      email: 'csm@vendor.example',
      password: 'a long password 1',
      role: 'csm',
    });
    await createTestUser(t, project.id, {
      email: 'admin@vendor.example',
      password: 'a long password 2',
      role: 'admin',
    });
    const csm = await TestSession.signIn(t.url, 'csm@vendor.example', 'a long password 1');
    const admin = await TestSession.signIn(t.url, 'admin@vendor.example', 'a long password 2');
    const path = `/v1/projects/${project.id}/settings`;

    expect((await csm.call('PATCH', path, { atRiskBelow: 70 })).status).toBe(403);
    expect((await send('PATCH', { atRiskBelow: 70 }, project.writeKey)).status).toBe(401);
    expect(await stored()).toEqual(before);
    const changed = await admin.call<ProjectSettings>('PATCH', path, { atRiskBelow: 70 });
    expect([changed.status, changed.body.atRiskBelow]).toEqual([200, 70]);
    expect(await stored()).toEqual({ ...before, atRiskBelow: 70 });
  });

  it('keeps every one of changes of different fields sent at once', async () => {
    const before = await stored();
    const changes = [
      { timeZone: 'Asia/Tokyo' },
      { atRiskBelow: 33 },
      { keyFeatures: ['import'] },
      { csmDomains: ['third.example'] },
      { emailFrequencyHours: 48 },
      { digestHourUtc: 7 },
      { defaultAssignee: 'lead@vendor.example' },
      { openTracking: false },
      { features: [{ key: 'import', name: 'Import' }] },
      { brand: { senderName: 'Acme Success' } },
    ];
    const answers = await Promise.all(changes.map((change) => send('PATCH', change)));
    expect(answers.map((a) => a.status)).toEqual(changes.map(() => 200));
    expect(await stored()).toEqual(Object.assign({ ...before }, ...changes));
  });
});
