import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { type Job, type Queue } from 'bullmq';
import { type CreatedProject } from '@bindery/contracts';
import { TaskRepository } from '@bindery/db';
import { JobProducer, QUEUES } from '@bindery/queue';
import {
  bearer,
  nth,
  type RecordingServer,
  startRecordingServer,
  startTestApp,
  type TestApp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const SECRET = 'webhook-secret-0123456789';
const WEIGHTS = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 };

const putSettings = (app: TestApp, project: CreatedProject, url: string) =>
  fetch(`${app.url}/v1/projects/${project.id}/settings`, {
    method: 'PUT',
    headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
    body: JSON.stringify({ healthWeights: WEIGHTS, keyFeatures: [], webhook: { url, secret: SECRET } }),
  });

/**
 * Webhooks reach public addresses only: a URL pointing at loopback, private, link-local or metadata addresses
 * is refused when saved (400), in whatever notation; an on-premises target needs OUTBOUND_ALLOW_HOSTS; and
 * a redirect is never followed, even to an address the allow-list opens.
 */
describe('webhook targets', () => {
  let guarded: TestApp;
  let onPrem: TestApp;

  beforeAll(async () => {
    guarded = await startTestApp((config) => StandaloneModule.forRoot(config), {
      RULES_INTERVAL_SECONDS: '0',
    });
    onPrem = await startTestApp((config) => StandaloneModule.forRoot(config), {
      RULES_INTERVAL_SECONDS: '0',
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    });
  }, 120_000);

  afterAll(async () => {
    await onPrem?.close();
    await guarded?.close();
  });

  it('refuses to save a webhook that points at a loopback, private, link-local or metadata address', async () => {
    const project = await guarded.createProject('webhook-targets');
    const refused: string[] = [];
    for (const url of [
      'http://127.0.0.1/hook',
      'http://127.0.0.1:6379/',
      'http://[::1]/hook',
      'http://0x7f000001/hook',
      'http://2130706433/hook',
      'http://127.1/hook',
      'http://0177.0.0.1/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:5432/',
      'http://LOCALHOST./hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fd00:ec2::254]/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://100.100.100.200/',
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://0.0.0.0:8080/',
      'http://[fe80::1]/',
      'http://redis:6379/',
    ]) {
      const res = await putSettings(guarded, project, url);
      const body = (await res.json()) as { error: { code: string; message: string } };
      if (
        res.status !== 400 ||
        body.error.code !== 'invalid_input' ||
        !body.error.message.startsWith('webhook.url ')
      )
        refused.push(`${url}: ${res.status} ${JSON.stringify(body)}`);
    }
    const settings = await fetch(`${guarded.url}/v1/projects/${project.id}/settings`, {
      headers: { authorization: bearer(project.secretKey) },
    });

    expect(refused).toEqual([]);
    expect(((await settings.json()) as { webhook: unknown }).webhook).toBeNull();
    const metadata = await putSettings(guarded, project, 'http://169.254.169.254/latest/meta-data/');
    expect(await metadata.json()).toMatchObject({
      error: {
        code: 'invalid_input',
        message:
          'webhook.url points at 169.254.169.254, a link-local address (cloud metadata lives there): webhooks ' +
          'go to public addresses only (OUTBOUND_ALLOW_HOSTS can allow an on-premises target)',
      },
    });
    expect((await putSettings(guarded, project, 'https://hooks.example.com/services/T0/B0')).status).toBe(
      200,
    );
  });

  it('saves an allow-listed on-premises target, and still refuses the others', async () => {
    const project = await onPrem.createProject('on-prem');

    expect((await putSettings(onPrem, project, 'http://127.0.0.1:9/hook')).status).toBe(200);
    expect((await putSettings(onPrem, project, 'http://0x7f000001:9/hook')).status).toBe(200);
    expect((await putSettings(onPrem, project, 'http://127.0.0.2:9/hook')).status).toBe(400);
    expect((await putSettings(onPrem, project, 'http://[::1]:9/hook')).status).toBe(400);
    expect((await putSettings(onPrem, project, 'http://localhost:9/hook')).status).toBe(400);
    expect((await putSettings(onPrem, project, 'http://169.254.169.254/')).status).toBe(400);
  });

  describe('when sending', () => {
    let project: CreatedProject;
    const servers: RecordingServer[] = [];

    /** A task of the project, and its webhook delivery carried out to the end. */
    async function deliver(title: string): Promise<Job> {
      const task = await onPrem.app.get(TaskRepository).create(
        {
          id: randomUUID(),
          projectId: project.id,
          accountId: 'acme',
          ruleId: null,
          title,
          body: 'b',
          priority: 'P2',
          assignee: null,
          dueAt: new Date(Date.now() + 86_400_000),
          signalIds: [],
        },
        { actor: 'test', change: { created: true } },
      );
      const job = await onPrem.app
        .get(JobProducer)
        .enqueue(
          'send-webhook',
          { projectId: project.id, taskId: task.id, event: 'task.created' },
          { attempts: 3 },
        );
      await until(
        'the delivery',
        () => job.getState(),
        (state) => state === 'completed' || state === 'failed',
      );
      return (await onPrem.app.get<Queue>(getQueueToken(QUEUES.webhooks)).getJob(job.id as string)) as Job;
    }

    beforeAll(async () => {
      project = await onPrem.createProject('webhook-sending');
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
    });

    it('does not follow a redirect to another loopback port: the delivery fails once, with the reason', async () => {
      const internal = await startRecordingServer();
      const redirecting = await startRecordingServer((res) =>
        res.writeHead(302, { location: `${internal.url}/admin` }).end(),
      );
      servers.push(internal, redirecting);
      expect((await putSettings(onPrem, project, `${redirecting.url}/hook`)).status).toBe(200);

      const job = await deliver('Account acme needs a call');

      expect(redirecting.requests).toHaveLength(1);
      expect(internal.requests).toEqual([]);
      expect(await job.getState()).toBe('failed');
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toBe(
        `webhook refused: answered 302 redirecting to ${internal.url}/admin; redirects are not followed`,
      );
    });

    it('escapes trait text for Slack and keeps one-line fields on one line', async () => {
      const hook = await startRecordingServer();
      servers.push(hook);
      expect((await putSettings(onPrem, project, `${hook.url}/hook`)).status).toBe(200);

      const title = 'User <!channel> (<https://evil.example|acme>)\nhas been inactive & quiet';
      const job = await deliver(title);
      const sent = nth(
        hook.requests.map((r) => JSON.parse(r.body) as { text: string; task: { title: string } }),
        0,
      );

      expect(await job.getState()).toBe('completed');
      expect(sent.text).toBe(
        '[P2] User &lt;!channel&gt; (&lt;https://evil.example|acme&gt;) has been inactive &amp; quiet',
      );
      expect(sent.task.title).toBe(title);
    });
  });
});
