import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { type Kysely } from 'kysely';
import {
  createDatabase,
  type Database,
  EmailTemplateRepository,
  migrateDatabase,
  OutboxRepository,
  ProjectRepository,
  RuleRepository,
  SignalRepository,
  TrainingContentRepository,
} from '@bindery/db';
import { bullConnection, signalsJobs } from '@bindery/queue';
import { createPostgresSchema, startTestSmtp, type TestSchema, type TestSmtp, until } from '@bindery/testing';

const ROOT = resolve(__dirname, '../../..');
const EMAILS = 40;
/** The SMTP server holds each message this long before accepting it: the time in which the notifier dies. */
const ACCEPT_DELAY_MS = 400;

/**
 * Stops the notifier process (SIGTERM) while it is sending: it finishes what it had started and exits. Then
 * kills it (SIGKILL) while it is sending, restarts it, and checks that every email arrives exactly once: an
 * email the server had not yet accepted is sent again, none twice.
 */
describe('notifier killed while sending', () => {
  let smtp: TestSmtp;
  let schema: TestSchema;
  let db: Kysely<Database>;
  let dataDir: string;
  let child: ChildProcess | undefined;
  const prefix = `crash-${randomBytes(4).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  function startNotifier(): ChildProcess {
    const proc = spawn(process.execPath, [join(ROOT, 'dist/apps/notifier/src/main.js')], {
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dataDir,
        DATABASE_URL: schema.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        SMTP_URL: smtp.url,
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    return proc;
  }

  beforeAll(async () => {
    // A message counts as delivered only if the client is still there to hear the server accept it.
    smtp = await startTestSmtp({ acceptDelayMs: ACCEPT_DELAY_MS });

    schema = await createPostgresSchema();
    dataDir = mkdtempSync(join(tmpdir(), 'bindery-crash-'));
    db = createDatabase({ databaseUrl: schema.url, dataDir });
    await migrateDatabase(db);
    // The users' emails live in ClickHouse (chDB binds one folder per process: a child writes them).
    const projectId = randomUUID();
    execFileSync(
      process.execPath,
      [
        '-e',
        `const { createClickHouseClient, ClickHouseMigrator, readMigrations, defaultMigrationsDir } = require(${JSON.stringify(join(ROOT, 'dist/libs/clickhouse/src/index.js'))});
         (async () => {
           const c = createClickHouseClient({ dataDir: ${JSON.stringify(dataDir)}, clickhouse: { database: 'default' } });
           await new ClickHouseMigrator(c, {}, readMigrations(defaultMigrationsDir(${JSON.stringify(join(ROOT, 'dist/libs/clickhouse/src'))}))).migrate();
           await c.command({ query: "INSERT INTO traits (project_id, kind, subject_id, key, value, updated_at) SELECT toUUID('${projectId}'), 'user', concat('u', toString(number)), 'email', concat('\\"u', toString(number), '@crash.example\\"'), now64(3) FROM numbers(${EMAILS})" });
           await c.close();
         })().catch((e) => { console.error(e); process.exit(1); });`,
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );

    const rules = new RuleRepository(db);
    const ruleId = randomUUID();
    await new ProjectRepository(db, rules).createWithKeys({
      organization: { id: randomUUID(), name: 'crash' },
      project: { id: projectId, name: 'crash' },
      keys: [{ id: randomUUID(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_x' }],
      rules: [
        {
          id: ruleId,
          name: 'try export',
          type: 'never_adopted',
          scope: 'user',
          params: { feature: 'export', days: 7 },
          actions: [{ kind: 'email', template: 'try-it' }],
          cooldownHours: 0,
          enabled: true,
        },
      ],
    });
    await new EmailTemplateRepository(db).create(projectId, randomUUID(), {
      name: 'try-it',
      subject: 'Try {{content.title}}',
      html: '<p>{{content.url}}</p>',
      text: '{{content.url}}',
    });
    await new TrainingContentRepository(db).create(projectId, randomUUID(), {
      key: 'export',
      title: 'Exports',
      url: 'https://help.example.com/export',
      summary: '',
    });
    const signals = await new SignalRepository(db).insertNew(
      Array.from({ length: EMAILS }, (_, i) => ({
        id: randomUUID(),
        projectId,
        ruleId,
        ruleVersion: 1,
        subjectKey: `user:u${i}`,
        userId: `u${i}`,
        accountId: null,
        periodKey: 'once',
        details: { type: 'never_adopted', feature: 'export' },
      })),
      0,
    );
    const queue = new Queue('signals', { connection: bullConnection(redisUrl), prefix });
    await queue.addBulk(
      signalsJobs(
        projectId,
        signals.map((s) => s.id),
      ).map((job) => ({ name: 'signals', ...job })),
    );
    await queue.close();
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.destroy();
    await schema?.drop();
    await smtp?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The Message-IDs of the messages the server accepted while their sender was still connected. */
  const accepted = () => smtp.received.map((mail) => mail.messageId ?? '');
  /** Waits, polling, until `done` holds. */
  const waitFor = (what: string, done: () => boolean | Promise<boolean>, timeoutMs = 60_000) =>
    until(
      what,
      async () => done(),
      (holds) => holds,
      timeoutMs,
    );
  const statuses = async () =>
    (await db.selectFrom('email_outbox').select('status').execute()).map((r) => r.status);

  it('finishes the emails in flight on SIGTERM, then delivers every email exactly once across a SIGKILL', async () => {
    child = startNotifier();
    await waitFor('messages in flight', () => smtp.held() >= 3);
    const inFlight = smtp.held();
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    const afterTerm = await statuses();
    expect(afterTerm).not.toContain('sending');
    expect(accepted().length).toBe(afterTerm.filter((s) => s === 'sent').length);
    expect(accepted().length).toBeGreaterThanOrEqual(inFlight);
    expect(accepted().length).toBeLessThan(EMAILS);

    child = startNotifier();
    // At least one email is left (checked above): kill the process while the server holds it.
    await waitFor('messages in flight again', () => smtp.held() >= 1);
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    const beforeRestart = accepted().length;

    child = startNotifier();
    const outbox = new OutboxRepository(db);
    await waitFor(
      'every email sent',
      async () =>
        (await db.selectFrom('email_outbox').select('status').execute()).filter((r) => r.status === 'sent')
          .length === EMAILS,
      90_000,
    );
    await waitFor('the server to accept them', () => accepted().length >= EMAILS);
    const rows = await db.selectFrom('email_outbox').selectAll().execute();

    expect(beforeRestart).toBeLessThan(EMAILS);
    expect(new Set(accepted()).size).toBe(EMAILS);
    expect(accepted()).toHaveLength(EMAILS);
    expect(accepted().sort()).toEqual(rows.map((r) => r.message_id).sort());
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    const [row] = rows;
    expect(row && (await outbox.findById(row.project_id, row.id))).toMatchObject({ status: 'sent' });
  }, 150_000);
});
