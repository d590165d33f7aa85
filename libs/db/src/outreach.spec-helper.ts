// What the outreach repository specs share: a migrated store with its repositories, and the fixtures they write.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type DomainError } from '@bindery/contracts';
import { migrateDatabase } from './database';
import { EmailTemplateRepository } from './repositories/email-template.repository';
import { OutboxRepository, type OutboxWrite, SUPPRESSED } from './repositories/outbox.repository';
import { SuppressionRepository } from './repositories/suppression.repository';
import { type NewTask, TaskRepository } from './repositories/task.repository';
import { TrainingContentRepository } from './repositories/training-content.repository';
import { insertProject, type Store } from './stores.spec-helper';
import { type Database, type Task } from './schema';

export const conflict = expect.objectContaining({ code: 'conflict' }) as DomainError;
const HOUR = 3_600_000;
export const T0 = new Date('2024-05-06T12:00:00.000Z');
export const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
export const created = { actor: 'rules', change: { created: true } };

/** Postgres' order of uuids is their hex strings' order. */
export const byListOrder = (a: Task, b: Task) =>
  a.priority.localeCompare(b.priority) ||
  a.due_at.getTime() - b.due_at.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface OutreachRepositories {
  db: Kysely<Database>;
  tasks: TaskRepository;
  templates: EmailTemplateRepository;
  content: TrainingContentRepository;
  outbox: OutboxRepository;
  suppressions: SuppressionRepository;
}

/**
 * Opens `store` before the specs of the calling `describe` (migrated; the full list of migrations is
 * db.int-spec's to check) and closes it after them. Its repositories are read once the specs run.
 */
export function outreachStore(store: Store) {
  let opened: (OutreachRepositories & { cleanup: () => Promise<void> }) | undefined;
  const repos = (): OutreachRepositories => {
    if (!opened) throw new Error('the outreach store is read before its beforeAll ran');
    return opened;
  };
  beforeAll(async () => {
    const { db, cleanup } = await store.open();
    await migrateDatabase(db);
    opened = {
      db,
      cleanup,
      tasks: new TaskRepository(db),
      templates: new EmailTemplateRepository(db),
      content: new TrainingContentRepository(db),
      outbox: new OutboxRepository(db),
      suppressions: new SuppressionRepository(db),
    };
  });
  afterAll(async () => {
    await opened?.db.destroy();
    await opened?.cleanup();
  });

  const project = () => insertProject(repos().db);
  /** One email written on its own; a Conflict is thrown. */
  const insert = async (email: OutboxWrite) => {
    const [result] = await repos().outbox.write([email]);
    if (result === undefined) throw new Error(`the outbox wrote nothing for ${email.id}`);
    if (result instanceof Error) throw result;
    return result;
  };
  /** Claims one row for `holder` (a job's id); the row taken, else undefined. */
  const claim = async (id: string, holder = 'job-1') =>
    (await repos().outbox.advance({ claim: [{ id, holder }] }))[0];
  /** Marks one row sent; the row if that changed it (it was sending), else undefined. */
  const markSent = async (id: string, messageId: string) => {
    const { outbox } = repos();
    const before = await outbox.findByIdUnscoped(id);
    await outbox.advance({ sent: [{ id, messageId }] });
    const after = await outbox.findByIdUnscoped(id);
    return before?.status === 'sending' && after?.status === 'sent' ? after : undefined;
  };
  const probe = (projectId: string, recipient: string): OutboxWrite => ({
    id: randomUUID(),
    projectId,
    kind: 'training',
    recipient,
    subject: 'probe',
    html: '',
    text: '',
  });
  /** Whether a new email to the address would be written skipped as suppressed (the probe row is then skipped). */
  const suppressedFor = async (projectId: string, recipient: string) => {
    const { row } = await insert({ ...probe(projectId, recipient), kind: 'csm_alert' });
    if (row.status === 'pending') await repos().outbox.markSkipped(row.id, 'probe');
    return row.skip_reason === SUPPRESSED;
  };
  /** Whether the cap since `since` holds a new training email to the address (the probe row is then skipped). */
  const cappedFor = async (projectId: string, recipient: string, since: Date) => {
    const { row } = await insert({ ...probe(projectId, recipient), cap: { since, reason: 'capped' } });
    if (row.status === 'pending') await repos().outbox.markSkipped(row.id, 'probe');
    return row.skip_reason === 'capped';
  };

  async function rule(projectId: string, name = 'Gone quiet'): Promise<string> {
    const id = randomUUID();
    await repos()
      .db.insertInto('rules')
      .values({
        id,
        project_id: projectId,
        name,
        type: 'inactivity',
        scope: 'account',
        params: '{}',
        cooldown_hours: 24,
        enabled: true,
      })
      .execute();
    return id;
  }

  async function projectWithRule(): Promise<{ projectId: string; ruleId: string }> {
    const projectId = await project();
    return { projectId, ruleId: await rule(projectId) };
  }

  const newTask = (
    projectId: string,
    ruleId: string | null,
    accountId: string | null,
    overrides: Partial<NewTask> = {},
  ): NewTask => ({
    id: randomUUID(),
    projectId,
    accountId,
    ruleId,
    title: `${accountId ?? 'nobody'} went quiet`,
    body: 'No report exported in 14 days',
    priority: 'P2',
    assignee: 'csm@vendor.io',
    dueAt: at(48),
    signalIds: [randomUUID()],
    ...overrides,
  });

  /** Backdates a row's created_at, which the database sets. */
  const createdAt = (table: 'tasks' | 'email_outbox', id: string, when: Date) =>
    sql`update ${sql.table(table)} set created_at = ${when} where id = ${id}`.execute(repos().db);

  return {
    repos,
    project,
    insert,
    claim,
    markSent,
    suppressedFor,
    cappedFor,
    rule,
    projectWithRule,
    newTask,
    createdAt,
  };
}
