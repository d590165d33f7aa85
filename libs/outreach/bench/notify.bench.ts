// Times 10,000 training emails through the whole path (signal → outbox → SMTP on loopback) against plain nodemailer.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ClickHouseClient } from '@clickhouse/client';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { type AddressInfo } from 'node:net';
import { type EventLoopUtilization, performance as perf } from 'node:perf_hooks';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { ConfigModule, loadConfig } from '@bindery/config';
import {
  DbModule,
  EmailTemplateRepository,
  OutboxRepository,
  ProjectRepository,
  SignalRepository,
  TrainingContentRepository,
} from '@bindery/db';
import { JobProducer, QueuesModule, RedisModule } from '@bindery/queue';
import { MetricsModule } from '@bindery/server';
import { createPostgresSchema } from '@bindery/testing';
import { NotifierModule } from '../src/outreach.module';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 10_000);
const AIM_PER_SECOND = 1_000;
const AIM_RATIO = 0.8;
const print = (line: string) => process.stdout.write(`${line}\n`);

/** An SMTP server on loopback that accepts everything and counts what it got. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; count: () => number }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, count: () => received };
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const smtp = await startSmtp();
  const dataDir = mkdtempSync(join(tmpdir(), 'bindery-bench-notify-'));
  const schema = await createPostgresSchema();
  const config = loadConfig(
    {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: schema.url,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      LOG_LEVEL: 'warn',
      RULES_INTERVAL_SECONDS: '0',
      QUEUE_PREFIX: `bench-notify-${Date.now()}`,
    },
    { port: 0 },
  );

  @Module({
    imports: [
      ConfigModule.forRoot(config),
      MetricsModule,
      ClickHouseModule,
      DbModule,
      RedisModule,
      QueuesModule.forRoot(),
      NotifierModule,
    ],
  })
  class BenchModule {}

  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  try {
    const projectId = randomUUID();
    const ruleId = randomUUID();
    await app.get(ProjectRepository).createWithKeys({
      organization: { id: randomUUID(), name: 'bench' },
      project: { id: projectId, name: 'bench' },
      keys: [
        { id: randomUUID(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_bench' },
      ],
      rules: [
        {
          id: ruleId,
          name: 'never tried export',
          type: 'never_adopted',
          scope: 'user',
          params: { feature: 'export', days: 7 },
          actions: [{ kind: 'email', template: 'try-it' }],
          cooldownHours: 24,
          enabled: true,
        },
      ],
    });
    await app.get(EmailTemplateRepository).create(projectId, randomUUID(), {
      name: 'try-it',
      subject: 'Have you tried {{content.title}}, {{user.name}}?',
      html: '<p>Hi {{user.name}}, see <a href="{{content.url}}">{{content.title}}</a>.</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
      text: 'Hi {{user.name}}, see {{content.title}}: {{content.url}}\nUnsubscribe: {{unsubscribeUrl}}',
    });
    await app.get(TrainingContentRepository).create(projectId, randomUUID(), {
      key: 'export',
      title: 'Exporting reports',
      url: 'https://help.example.com/export',
      summary: 'Two clicks.',
    });
    await app.get<ClickHouseClient>(CLICKHOUSE).command({
      query: `INSERT INTO traits (project_id, kind, subject_id, key, value, updated_at)
        SELECT toUUID({p:String}), 'user', concat('u', toString(number)), key, value, now64(3)
        FROM numbers({n:UInt32}) ARRAY JOIN ['email', 'name'] AS key,
          [concat('"u', toString(number), '@bench.example"'), concat('"User ', toString(number), '"')] AS value`,
      query_params: { p: projectId, n: EMAILS },
    });
    const signals = app.get(SignalRepository);
    const ids: string[] = [];
    for (let i = 0; i < EMAILS; i += 1000) {
      const rows = await signals.insertNew(
        Array.from({ length: Math.min(1000, EMAILS - i) }, (_, k) => ({
          id: randomUUID(),
          projectId,
          ruleId,
          ruleVersion: 1,
          subjectKey: `user:u${i + k}`,
          userId: `u${i + k}`,
          accountId: null,
          periodKey: 'once',
          details: { type: 'never_adopted', feature: 'export' },
        })),
        0,
      );
      ids.push(...rows.map((r) => r.id));
    }

    let cpu = process.cpuUsage();
    let loop = perf.eventLoopUtilization();
    let started = performance.now();
    await app.get(JobProducer).enqueueSignals(projectId, ids);
    await until(() => smtp.count() >= EMAILS, 600_000);
    const pathMs = performance.now() - started;
    const pathCpu = process.cpuUsage(cpu);
    const pathLoop = perf.eventLoopUtilization(loop);

    // The baseline sends the very messages the path sent (read back from the outbox), so the two differ only
    // by what Bindery does around the SMTP transaction.
    const outbox = app.get(OutboxRepository);
    const sentRows = () => outbox.list(projectId, { status: 'sent', limit: EMAILS + 1 });
    let sent = await sentRows();
    // The server may have accepted the last few a moment before the outbox records it.
    for (let tries = 0; sent.length < EMAILS && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent = await sentRows();
    }
    if (sent.length !== EMAILS) throw new Error(`the outbox holds ${sent.length} sent emails`);
    const before = smtp.count();
    const plain = createTransport(`smtp://127.0.0.1:${smtp.port}/?pool=true&maxConnections=5`);
    cpu = process.cpuUsage();
    loop = perf.eventLoopUtilization();
    started = performance.now();
    await Promise.all(
      sent.map((row) =>
        plain.sendMail({
          from: config.mailFrom,
          to: row.recipient,
          subject: row.subject,
          html: row.html,
          text: row.text,
          headers: row.headers as Record<string, string>,
          messageId: `<${row.id}@baseline>`,
        }),
      ),
    );
    const baselineMs = performance.now() - started;
    const baselineCpu = process.cpuUsage(cpu);
    const baselineLoop = perf.eventLoopUtilization(loop);
    plain.close();
    if (smtp.count() - before !== EMAILS) throw new Error('the baseline lost emails');

    const rate = (EMAILS * 1000) / pathMs;
    const baseline = (EMAILS * 1000) / baselineMs;
    print(
      `\nNotify benchmark, ${EMAILS.toLocaleString('en')} emails (aim: ${AIM_PER_SECOND}/s, ratio ${AIM_RATIO})`,
    );
    // The process's CPU time per email (this process only, all its threads: Postgres and Redis run elsewhere) is
    // steadier than the rates when the machine is shared; so is the main thread's busy time per email (its event
    // loop's active time), which bounds the rate when it is the busiest thread.
    const perEmail = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1000 / EMAILS).toFixed(2);
    const mainPerEmail = (elu: EventLoopUtilization) => (elu.active / EMAILS).toFixed(2);
    print('| path | time | emails/s | CPU ms/email | main thread ms/email |\n|---|---:|---:|---:|---:|');
    print(
      `| signal → task/email rules → outbox → SMTP | ${(pathMs / 1000).toFixed(1)} s | ${rate.toFixed(0)} | ${perEmail(pathCpu)} | ${mainPerEmail(pathLoop)} |`,
    );
    print(
      `| plain nodemailer, pooled, the same messages (baseline) | ${(baselineMs / 1000).toFixed(1)} s | ${baseline.toFixed(0)} | ${perEmail(baselineCpu)} | ${mainPerEmail(baselineLoop)} |`,
    );
    print(`ratio ${(rate / baseline).toFixed(2)}`);
  } finally {
    await app.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
