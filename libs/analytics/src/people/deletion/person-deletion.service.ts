import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { NotFound, type PersonDeletion } from '@bindery/contracts';
import {
  AuditRepository,
  PersonDeletionRepository,
  type PersonDeletionRow,
  PersonRecordsRepository,
  SUPPRESSION_CACHE_MS,
  SuppressedPeopleRepository,
} from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { type PersonIdentity } from '@bindery/event-queries';
import { PeopleService } from '../people.service';
import {
  deleteAccountTraitsStatement,
  deletePersonRowsStatement,
  PERSON_TABLES,
  personGroupAccountsQuery,
  personRowsQuery,
  rebuildAccountTraitsStatement,
} from '../people.query';
import { redactor } from './redactor';

/** A deletion's job retries a failed step this often, backing off from 5 s; the steps are idempotent. */
export const DELETE_PERSON_JOB = { attempts: 6, backoff: { type: 'exponential', delay: 5_000 } } as const;

/** A deletion's next step: done, or wait until the time (epoch ms) ingest has seen the suppression. */
export type DeletionStep = { done: true } | { waitUntil: number };

/** The SHA-256 of a project's person: finds their deletions without keeping their id. */
export const personHash = (projectId: string, personId: string) =>
  createHash('sha256').update(`${projectId}\n${personId}`).digest('hex');

const view = (row: PersonDeletionRow): PersonDeletion => ({
  id: row.id,
  state: row.state,
  suppress: row.suppress,
  requestedAt: row.created_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  error: row.error,
  counts: row.counts,
});

/**
 * Deletes a person's data from every store: the request is a Postgres row and a BullMQ job (the row's id), so
 * it survives a restart; the job's steps are idempotent and run again from the start after a crash.
 */
@Injectable()
export class PersonDeletionService {
  private readonly logger = new Logger(PersonDeletionService.name);

  constructor(
    private readonly people: PeopleService,
    private readonly deletions: PersonDeletionRepository,
    private readonly records: PersonRecordsRepository,
    private readonly suppressed: SuppressedPeopleRepository,
    private readonly audit: AuditRepository,
    private readonly jobs: JobProducer,
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  /**
   * Starts deleting the person `id` belongs to (any of their ids leads to them), or answers the deletion of
   * them under way. A person whose deletion is done and who has nothing stored since is answered that deletion.
   */
  async request(projectId: string, id: string, suppress: boolean, actor: string): Promise<PersonDeletion> {
    let identity: PersonIdentity;
    try {
      identity = await this.people.identity(projectId, id);
    } catch (error) {
      const latest = await this.deletions.latestOf(projectId, personHash(projectId, id));
      if (latest && latest.state !== 'failed') return view(latest);
      throw error;
    }
    const { ids } = identity;
    const hash = personHash(projectId, identity.personId);
    const latest = await this.deletions.latestOf(projectId, hash);
    if (latest && (latest.state === 'queued' || latest.state === 'running')) return view(latest);
    const [emails, names] = await Promise.all([
      this.people.emailAddresses(projectId, ids),
      this.people.names(projectId, ids),
    ]);
    const { row, created } = await this.deletions.create({
      id: uuidv7(),
      projectId,
      personHash: hash,
      ids,
      emails,
      names,
      suppress,
      requestedBy: actor,
    });
    if (created) {
      await this.audit.record({
        projectId,
        actor,
        action: 'person.deletion_requested',
        details: { deletionId: row.id, personHash: hash, suppress },
      });
    }
    await this.enqueue(row.id);
    return view(row);
  }

  async status(projectId: string, deletionId: string): Promise<PersonDeletion> {
    const row = await this.deletions.findById(projectId, deletionId);
    if (!row) throw NotFound(`Deletion ${deletionId} not found`);
    return view(row);
  }

  /** Queues the jobs of deletions a stopped process left unfinished; a job still queued is not added twice. */
  async resumeUnfinished(): Promise<number> {
    const rows = await this.deletions.unfinished();
    for (const row of rows) await this.enqueue(row.id);
    return rows.length;
  }

  /**
   * Runs a deletion: suppresses the ids and addresses first (when asked) and waits until every ingest process
   * has seen it, so no event of theirs lands after the events are deleted; then redacts and deletes their
   * operational records, deletes their rows in ClickHouse, audits and marks the deletion done.
   */
  async run(deletionId: string): Promise<DeletionStep> {
    const row = await this.deletions.findByIdUnscoped(deletionId);
    if (!row || row.state === 'done' || row.state === 'failed') return { done: true };
    const startedAt = await this.deletions.markRunning(row.id);
    const projectId = row.project_id;
    const person = { ids: row.ids, emails: row.emails, names: row.names };
    if (row.suppress) {
      await this.suppressed.add(projectId, person);
      const waitUntil = startedAt.getTime() + SUPPRESSION_CACHE_MS + 1_000;
      if (Date.now() < waitUntil) return { waitUntil };
    }
    const erased = await this.records.erase(
      projectId,
      person,
      redactor([...person.ids, ...person.emails, ...person.names]),
    );
    const counts: Record<string, number> = {
      'postgres.signals': erased.signals,
      'postgres.tasks_redacted': erased.tasks,
      'postgres.task_events_redacted': erased.taskEvents,
      'postgres.notes_redacted': erased.notes,
      'postgres.emails_redacted': erased.emailIds.length,
      'files.outbox_copies': await this.removeOutboxCopies(erased.emailIds),
    };
    counts['clickhouse.account_traits_rebuilt'] = await this.rebuildAccountTraits(projectId, person.ids);
    for (const table of PERSON_TABLES) {
      counts[`clickhouse.${table.table}`] = await this.deleteRows(projectId, person.ids, table);
    }
    await this.audit.record({
      projectId,
      actor: row.requested_by,
      action: 'person.deleted',
      details: { deletionId: row.id, personHash: row.person_hash, suppress: row.suppress, counts },
    });
    await this.deletions.markDone(row.id, counts);
    this.logger.log({ projectId, deletionId: row.id, counts }, 'Person deleted');
    return { done: true };
  }

  /** Marks a deletion failed for good (its job ran out of attempts). */
  async fail(deletionId: string, error: string): Promise<void> {
    await this.deletions.markFailed(deletionId, error);
  }

  /**
   * Writes again, without the person's group calls, the traits of the accounts those calls set; runs before
   * their events are deleted, so that a deletion resumed after a crash still finds the accounts.
   */
  private async rebuildAccountTraits(projectId: string, ids: string[]): Promise<number> {
    const found = personGroupAccountsQuery(projectId, ids);
    const result = await this.clickhouse.query({
      query: found.query,
      query_params: found.params,
      format: 'JSONEachRow',
    });
    const accounts = (await result.json<{ account_id: string }>()).map((r) => r.account_id);
    if (accounts.length === 0) return 0;
    for (const statement of [
      deleteAccountTraitsStatement(projectId, accounts, this.config.clickhouse.cluster),
      rebuildAccountTraitsStatement(projectId, ids, accounts),
    ]) {
      await this.clickhouse.command({
        query: statement.query,
        query_params: statement.params,
        clickhouse_settings: { mutations_sync: '2' },
      });
    }
    return accounts.length;
  }

  private async deleteRows(
    projectId: string,
    ids: string[],
    table: (typeof PERSON_TABLES)[number],
  ): Promise<number> {
    const count = personRowsQuery(projectId, ids, table);
    const result = await this.clickhouse.query({
      query: count.query,
      query_params: count.params,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const [row] = await result.json<{ n: number; partitions: string[] }>();
    const n = row?.n ?? 0;
    if (n === 0) return 0;
    // On one server, one mutation per partition holding the person's rows; on a cluster, one for the table
    // (each shard's partitions are its own).
    const { cluster } = this.config.clickhouse;
    for (const partition of cluster ? [undefined] : row!.partitions) {
      const statement = deletePersonRowsStatement(projectId, ids, table, cluster, partition);
      await this.clickhouse.command({
        query: statement.query,
        query_params: statement.params,
        clickhouse_settings: { mutations_sync: '2' },
      });
    }
    return n;
  }

  /** Removes the embedded outbox's copies (`DATA_DIR/outbox/<id>.eml`) of the emails redacted; returns how many. */
  private async removeOutboxCopies(emailIds: readonly string[]): Promise<number> {
    if (this.config.smtpUrl) return 0;
    let removed = 0;
    for (const id of emailIds) {
      const file = join(this.config.dataDir, 'outbox', `${id}.eml`);
      if (existsSync(file)) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private async enqueue(deletionId: string): Promise<void> {
    await this.jobs.enqueue('delete-person', { deletionId }, { jobId: deletionId, ...DELETE_PERSON_JOB });
  }
}
