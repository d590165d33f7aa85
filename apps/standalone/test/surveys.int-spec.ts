import { randomUUID } from 'node:crypto';
import { type CreatedProject, type Survey } from '@bindery/contracts';
import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { basic, bearer, getJson, postJson, startTestApp, type TestApp } from '@bindery/testing';
import { signUserId } from '@bindery/voice';
import { VoiceTestModule } from './voice-test.module';

describe('surveys: definitions, the signed SDK fetch, and answers checked at ingest', () => {
  let t: TestApp;
  let project: CreatedProject;
  let other: CreatedProject;
  let secret: string;

  beforeAll(async () => {
    t = await startTestApp((config) => VoiceTestModule.forRoot(config));
    project = await t.createProject('surveys');
    other = await t.createProject('surveys-other');
    const res = await postJson(
      `${t.url}/v1/projects/${project.id}/surveys/secret`,
      {},
      {
        authorization: bearer(project.secretKey),
      },
    );
    expect(res.status).toBe(201);
    secret = res.body.secret;
  });
  afterAll(() => t.close());

  const api = (p: CreatedProject, path: string, method: string, body?: unknown) =>
    fetch(`${t.url}/v1/projects/${p.id}${path}`, {
      method,
      headers: { authorization: bearer(p.secretKey), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const createSurvey = async (body: object): Promise<Survey> => {
    const res = await api(project, '/surveys', 'POST', body);
    expect(res.status).toBe(201);
    return (await res.json()) as Survey;
  };
  const fetchSurveys = (userId: string, signature?: string, writeKey = project.writeKey) =>
    postJson(`${t.url}/v1/surveys`, { userId, signature }, { authorization: basic(writeKey) });
  const send = (batch: object[]) =>
    postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(project.writeKey) });
  /** The project's stored events (ingest answers only once they are in ClickHouse). */
  const stored = async () => {
    const result = await t.app.get<symbol, ClickHouseClient>(CLICKHOUSE).query({
      query: 'SELECT event_id AS id, event, properties FROM events FINAL WHERE project_id = {p:UUID}',
      query_params: { p: project.id },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ id: string; event: string; properties: string }>();
    return rows.map((r) => ({ ...r, properties: JSON.parse(r.properties) as Record<string, unknown> }));
  };
  const surveyEvent = (event: string, userId: string, properties: object, messageId = randomUUID()) => ({
    type: 'track',
    messageId,
    userId,
    event,
    properties,
  });

  it('manages surveys: defaults filled in, names unique, other projects’ surveys not found', async () => {
    const created = await createSurvey({ name: 'Defaults', kind: 'open', question: 'What is missing?' });
    expect(created).toMatchObject({
      enabled: true,
      targeting: { accountTraits: {}, minDaysSinceLastSurvey: 90, samplePct: 100, featureUsed: null },
    });
    expect((await api(project, '/surveys', 'POST', { ...created, id: undefined })).status).toBe(400);
    const dup = await api(project, '/surveys', 'POST', { name: 'Defaults', kind: 'nps', question: 'Q' });
    expect(dup.status).toBe(409);
    const patched = await api(project, `/surveys/${created.id}`, 'PATCH', { enabled: false });
    expect(await patched.json()).toMatchObject({ enabled: false, name: 'Defaults' });
    expect((await api(other, `/surveys/${created.id}`, 'GET')).status).toBe(404);
    expect((await api(other, `/surveys/${created.id}`, 'DELETE')).status).toBe(404);
    const badKind = await api(project, '/surveys', 'POST', { name: 'x', kind: 'stars', question: 'Q' });
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    expect((await api(project, `/surveys/${created.id}`, 'DELETE')).status).toBe(204);
    const list = await getJson(`${t.url}/v1/projects/${project.id}/surveys`, project.secretKey);
    expect(list.body.surveys.map((s: Survey) => s.id)).not.toContain(created.id);
  });

  it('refuses unsigned, wrongly signed and other projects’ fetches with a clear reason', async () => {
    const unsigned = await fetchSurveys('someone');
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe('unauthorized');
    expect(unsigned.body.error.message).toMatch(/signature/);
    const wrong = await fetchSurveys('someone', signUserId(secret, 'someone else'));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('forbidden');
    const noSecret = await fetchSurveys('someone', signUserId(secret, 'someone'), other.writeKey);
    expect(noSecret.status).toBe(403);
    expect(noSecret.body.error.message).toMatch(/no survey secret/);
    expect((await fetchSurveys('someone', signUserId(secret, 'someone'), 'wk_nope')).status).toBe(401);
  });

  it('targets by account traits and feature use, then answers are checked against the showing', async () => {
    const run = randomUUID().slice(0, 8);
    const [pro, free, once] = [`pro-${run}`, `free-${run}`, `once-${run}`];
    const [proAccount, freeAccount] = [`acct-pro-${run}`, `acct-free-${run}`];
    const survey = await createSurvey({
      name: `NPS ${run}`,
      kind: 'nps',
      question: 'How likely are you to recommend us?',
      targeting: {
        accountTraits: { plan: 'pro' },
        featureUsed: { feature: `Report Exported ${run}`, minUses: 2 },
      },
    });
    const use = (userId: string, account: string) => ({
      type: 'track',
      userId,
      event: `Report Exported ${run}`,
      context: { groupId: account },
    });
    const seeded = await send([
      { type: 'group', userId: pro, groupId: proAccount, traits: { plan: 'pro' } },
      { type: 'group', userId: free, groupId: freeAccount, traits: { plan: 'free' } },
      use(pro, proAccount),
      use(pro, proAccount),
      use(free, freeAccount),
      use(free, freeAccount),
      use(once, proAccount),
    ]);
    expect(seeded.body).toMatchObject({ accepted: 7, rejected: [] });

    const prompt = { id: survey.id, kind: 'nps', question: 'How likely are you to recommend us?' };
    expect((await fetchSurveys(pro, signUserId(secret, pro))).body).toEqual({ surveys: [prompt] });
    expect((await fetchSurveys(free, signUserId(secret, free))).body).toEqual({ surveys: [] });
    expect((await fetchSurveys(once, signUserId(secret, once))).body).toEqual({ surveys: [] });

    const notShown = await postJson(
      `${t.url}/v1/track`,
      surveyEvent('survey answered', pro, { surveyId: survey.id, score: 9 }),
      { authorization: basic(project.writeKey) },
    );
    expect(notShown.status).toBe(400);
    expect(notShown.body.error.details.reason).toBe('survey_not_shown');

    const answerId = randomUUID();
    const first = await send([
      surveyEvent('survey shown', pro, { surveyId: survey.id }),
      surveyEvent('survey answered', pro, { surveyId: survey.id, score: 11 }),
      surveyEvent('survey answered', pro, { surveyId: survey.id, score: 9.5 }),
      surveyEvent('survey answered', pro, { surveyId: randomUUID(), score: 9 }),
      surveyEvent(
        'survey answered',
        pro,
        { surveyId: survey.id, score: 9, comment: '<b>Love it</b>' },
        answerId,
      ),
      surveyEvent('survey answered', pro, { surveyId: survey.id, score: 3 }),
    ]);
    expect(first.body.accepted).toBe(2);
    expect(first.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'survey_score_out_of_scale'],
      [2, 'survey_score_out_of_scale'],
      [3, 'unknown_survey'],
      [5, 'survey_not_shown'],
    ]);
    // A client's retry of the stored answer is accepted again (and stored once), not refused.
    const retry = await send([
      surveyEvent(
        'survey answered',
        pro,
        { surveyId: survey.id, score: 9, comment: '<b>Love it</b>' },
        answerId,
      ),
    ]);
    expect(retry.body).toMatchObject({ accepted: 1, rejected: [] });

    expect((await fetchSurveys(pro, signUserId(secret, pro))).body).toEqual({ surveys: [] });
    const events = await stored();
    const answers = events.filter((e) => e.event === 'survey answered');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ id: answerId, properties: { score: 9, comment: '<b>Love it</b>' } });
    expect(events.filter((e) => e.event === 'survey shown')).toHaveLength(1);
  });

  it('checks CSAT scales and open answers, and a dismissal closes the showing', async () => {
    const user = `csat-${randomUUID()}`;
    const csat = await createSurvey({ name: `CSAT ${user}`, kind: 'csat', question: 'How was it?' });
    const open = await createSurvey({ name: `Open ${user}`, kind: 'open', question: 'What is missing?' });
    const res = await send([
      surveyEvent('survey shown', user, { surveyId: csat.id }),
      surveyEvent('survey answered', user, { surveyId: csat.id, score: 0 }),
      surveyEvent('survey answered', user, { surveyId: csat.id, score: 5, comment: 42 }),
      surveyEvent('survey dismissed', user, { surveyId: csat.id }),
      surveyEvent('survey answered', user, { surveyId: csat.id, score: 5 }),
      surveyEvent('survey shown', user, { surveyId: open.id }),
      surveyEvent('survey answered', user, { surveyId: open.id, answer: '   ' }),
      surveyEvent('survey answered', user, { surveyId: open.id, answer: 'Dark mode' }),
      surveyEvent('survey shown', '', { surveyId: open.id }),
    ]);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'survey_score_out_of_scale'],
      [2, 'survey_text_invalid'],
      [4, 'survey_not_shown'],
      [6, 'survey_answer_missing'],
      [8, 'missing_identity'],
    ]);
    expect(res.body.accepted).toBe(4);
  });
});
