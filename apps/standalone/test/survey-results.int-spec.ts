import { EventWriter } from '@bindery/clickhouse';
import { type CreatedProject, type EventRow, type SurveyKind } from '@bindery/contracts';
import { AccountHealthRepository } from '@bindery/db';
import {
  bearer,
  eventRow,
  mulberry32,
  postJson,
  startTestApp,
  surveyResultsReference,
  type TestApp,
} from '@bindery/testing';
import { VoiceTestModule } from './voice-test.module';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 7);
const OTHER_PROJECT = '00000000-0000-4000-8000-00000000beef';

describe('survey results against a brute-force computation over generated answers', () => {
  let t: TestApp;
  let project: CreatedProject;
  const surveys: Record<'nps' | 'csat' | 'open', string> = { nps: '', csat: '', open: '' };
  const events: EventRow[] = [];
  const plans = new Map<string, string>();
  const abc = new Map<string, 'A' | 'B' | 'C'>();

  beforeAll(async () => {
    t = await startTestApp((config) => VoiceTestModule.forRoot(config));
    project = await t.createProject('survey-results');
    for (const kind of ['nps', 'csat', 'open'] as const) {
      const res = await postJson(
        `${t.url}/v1/projects/${project.id}/surveys`,
        { name: kind, kind, question: `${kind}?` },
        { authorization: bearer(project.secretKey) },
      );
      surveys[kind] = res.body.id;
    }
    const random = mulberry32(21);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const accounts = Array.from({ length: 14 }, (_, i) => `acct-${i}`);
    accounts.forEach((account, i) => {
      if (i % 5 !== 4) plans.set(account, pick(['free', 'pro', 'enterprise']));
      if (i % 4 !== 3) abc.set(account, pick(['A', 'B', 'C'] as const));
      const traits = JSON.stringify(
        plans.has(account) ? { plan: plans.get(account), name: account } : { name: account },
      );
      events.push(
        eventRow(project.id, START - DAY, {
          type: 'group',
          event: '',
          feature: '',
          account_id: account,
          user_id: 'admin',
          traits,
        }),
      );
    });
    const users = Array.from({ length: 70 }, (_, i) => `user-${i}`);
    const texts = ['', '', 'Great <b>reports</b>', 'Too slow & "buggy"', 'Säkert 👍', ''];
    for (let i = 0; i < 900; i++) {
      const kind = pick(['nps', 'nps', 'csat', 'open'] as const);
      const user = pick(users);
      const account = random() < 0.1 ? '' : accounts[Number(user.slice(5)) % accounts.length]!;
      const props: Record<string, unknown> = {
        surveyId: random() < 0.05 ? '01a0a0a0-0000-7000-8000-000000000000' : surveys[kind],
        kind,
      };
      if (kind === 'nps') props.score = Math.floor(random() * 11);
      if (kind === 'csat') props.score = 1 + Math.floor(random() * 5);
      const words = pick(texts);
      if (kind === 'open') props.answer = words || 'Dark mode';
      else if (words) props.comment = words;
      const timestamp = START + Math.floor(random() * 130 * DAY);
      const row = eventRow(project.id, timestamp, {
        event: random() < 0.05 ? 'survey shown' : 'survey answered',
        feature: 'survey answered',
        user_id: user,
        account_id: account,
        properties: JSON.stringify(props),
      });
      events.push(row);
      if (random() < 0.05) events.push({ ...row, received_at: row.received_at + 1 });
      if (random() < 0.03)
        events.push({ ...row, project_id: OTHER_PROJECT, event_id: `${row.event_id}-other` });
    }
    await t.app.get(EventWriter).write(events);
    const health = t.app.get(AccountHealthRepository);
    await health.upsertMany(
      project.id,
      '2026-05-01',
      [...abc].map(([accountId, grade]) => ({ accountId, score: 50, components: {}, abc: grade })),
    );
  });
  afterAll(() => t.close());

  const query = (surveyId: string, body: object) =>
    postJson(`${t.url}/v1/projects/${project.id}/surveys/${surveyId}/results/query`, body, {
      authorization: bearer(project.secretKey),
    });

  it.each([
    ['nps', 'week', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'],
    ['nps', 'month', '2026-02-10T12:00:00Z', '2026-04-20T00:00:00Z'],
    ['nps', 'day', '2026-03-01T00:00:00Z', '2026-03-15T00:00:00Z'],
    ['csat', 'week', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'],
    ['open', 'month', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'],
  ] as const)('%s by %s from %s to %s', async (kind: SurveyKind, interval, from, to) => {
    const commentsLimit = 40;
    const res = await query(surveys[kind], { from, to, interval, commentsLimit });
    expect(res.status).toBe(200);
    const expected = surveyResultsReference(events, {
      projectId: project.id,
      surveyId: surveys[kind],
      kind,
      from,
      to,
      interval,
      commentsLimit,
      plans,
      abc,
    });
    expect(expected.summary.responses).toBeGreaterThan(10);
    expect(res.body).toEqual(expected);
  });

  it('refuses a bad range, and another project’s survey is not found', async () => {
    const backwards = await query(surveys.nps, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('invalid_input');
    const other = await t.createProject('survey-results-other');
    const foreign = await postJson(
      `${t.url}/v1/projects/${other.id}/surveys/${surveys.nps}/results/query`,
      { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      { authorization: bearer(other.secretKey) },
    );
    expect(foreign.status).toBe(404);
  });
});
