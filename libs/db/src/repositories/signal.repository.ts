import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { DB } from '../database';
import { type SignalDetails } from '@bindery/contracts';
import { type Database, type Signal } from '../schema';

/** A signal a rule raised; `id` is the caller's (a hash of rule, subject and period recognises a repeat). */
export interface NewSignal {
  id: string;
  projectId: string;
  ruleId: string;
  ruleVersion: number;
  subjectKey: string;
  userId: string | null;
  accountId: string | null;
  periodKey: string;
  details: SignalDetails;
  /** In the rule's hold-out arm: recorded, and no action taken (default false). */
  heldOut?: boolean;
}

/** What {@link SignalRepository.insertNew} answers of each signal it stored: enough to act on it. */
export type InsertedSignal = Pick<
  Signal,
  'id' | 'rule_id' | 'subject_key' | 'user_id' | 'account_id' | 'period_key' | 'held_out' | 'created_at'
>;

export interface SignalFilters {
  ruleId?: string;
  accountId?: string;
  userId?: string;
  /** Signals created at or after this time. */
  since?: Date;
  limit: number;
  /** The last signal of the previous page: the page holds the signals created before it. */
  before?: { createdAt: Date; id: string };
}

/** Rows a statement carries: a cooldown's DISTINCT ON sorts them, so a few thousand at a time. */
const CHUNK_ROWS = 5000;
const HOUR_MS = 3_600_000;

/**
 * The rows of one chunk as a table `v`, from one array parameter per column (unnest, with each row's place as
 * `ord`): eleven parameters whatever the number of rows, where a `values` list binds eleven per row.
 */
function valuesOf(rows: NewSignal[]) {
  const column = <T>(pick: (r: NewSignal) => T) => rows.map(pick);
  return sql<{
    ord: number;
    id: string;
    project_id: string;
    rule_id: string;
    rule_version: number;
    subject_key: string;
    user_id: string | null;
    account_id: string | null;
    period_key: string;
    details: string;
    held_out: boolean;
  }>`unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.projectId)}::uuid[],
    ${column((r) => r.ruleId)}::uuid[], ${column((r) => r.ruleVersion)}::integer[],
    ${column((r) => r.subjectKey)}::text[], ${column((r) => r.userId)}::text[], ${column((r) => r.accountId)}::text[],
    ${column((r) => r.periodKey)}::text[], ${column((r) => JSON.stringify(r.details))}::jsonb[],
    ${column((r) => r.heldOut ?? false)}::boolean[]) with ordinality`.as<'v'>(
    sql`v(id, project_id, rule_id, rule_version, subject_key, user_id, account_id, period_key, details, held_out, ord)`,
  );
}

/** Signals raised by rules; reads are scoped by project. */
@Injectable()
export class SignalRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /**
   * Records the signals that are new, all created at `now`, and returns them. A signal is skipped when its
   * rule already raised one for the same subject and period (the unique key), or, with a cooldown, one for
   * the same subject less than `cooldownHours` before `now` (then only a subject's first new signal in the
   * call counts, as if the rows were inserted one by one). One statement per 5,000 rows.
   *
   * Concurrent calls never duplicate a (rule, subject, period): the unique key decides and the loser does
   * nothing. The cooldown is a read of committed rows, so two concurrent calls with *different* period keys
   * for the same subject may both insert; the rules worker runs one evaluation per rule at a time.
   */
  async insertNew(
    signals: NewSignal[],
    cooldownHours: number,
    now: Date = new Date(),
  ): Promise<InsertedSignal[]> {
    const inserted: InsertedSignal[] = [];
    for (let i = 0; i < signals.length; i += CHUNK_ROWS) {
      inserted.push(...(await this.insertChunk(signals.slice(i, i + CHUNK_ROWS), cooldownHours, now)));
    }
    return inserted;
  }

  private insertChunk(rows: NewSignal[], cooldownHours: number, now: Date): Promise<InsertedSignal[]> {
    const cooldownStart = new Date(now.getTime() - cooldownHours * HOUR_MS);
    let select = this.db
      .selectFrom(valuesOf(rows))
      .select([
        'v.id',
        'v.project_id',
        'v.rule_id',
        'v.rule_version',
        'v.subject_key',
        'v.user_id',
        'v.account_id',
        'v.period_key',
        'v.details',
        'v.held_out',
        sql<Date>`${now}::timestamptz`.as('created_at'),
      ]);
    if (cooldownHours > 0) {
      select = select
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('signals as s')
                .select(sql.lit(1).as('one'))
                .whereRef('s.rule_id', '=', 'v.rule_id')
                .whereRef('s.subject_key', '=', 'v.subject_key')
                .where('s.created_at', '>', cooldownStart),
            ),
          ),
        )
        // A repeat of a stored period is no new signal, so it must not take a subject's one place below.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('signals as s')
                .select(sql.lit(1).as('one'))
                .whereRef('s.rule_id', '=', 'v.rule_id')
                .whereRef('s.subject_key', '=', 'v.subject_key')
                .whereRef('s.period_key', '=', 'v.period_key'),
            ),
          ),
        )
        .distinctOn(['v.rule_id', 'v.subject_key'])
        .orderBy('v.rule_id')
        .orderBy('v.subject_key')
        .orderBy('v.ord');
    }
    return this.db
      .insertInto('signals')
      .columns([
        'id',
        'project_id',
        'rule_id',
        'rule_version',
        'subject_key',
        'user_id',
        'account_id',
        'period_key',
        'details',
        'held_out',
        'created_at',
      ])
      .expression(select)
      .onConflict((oc) => oc.doNothing())
      // Not the details: returning every column made the insert 1.6 times as long (34,000 rows on PGlite).
      .returning(['id', 'rule_id', 'subject_key', 'user_id', 'account_id', 'period_key', 'held_out', 'created_at'])
      .execute();
  }

  /** A rule's open signals (its condition held when last checked), oldest first; only these subjects' if given. */
  findOpenByRule(projectId: string, ruleId: string, subjectKeys?: string[]): Promise<Signal[]> {
    let query = this.db
      .selectFrom('signals')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('rule_id', '=', ruleId)
      .where('resolved_at', 'is', null);
    if (subjectKeys) query = query.where(sql<boolean>`subject_key = any(${subjectKeys}::text[])`);
    return query.orderBy('created_at').execute();
  }

  /**
   * The first signal of each subject that one version of a rule raised in [from, to): the subjects of its
   * effect report, each counted once, in the arm its first signal recorded.
   */
  firstPerSubject(
    projectId: string,
    ruleId: string,
    version: number,
    range: { from: Date; to: Date },
  ): Promise<Signal[]> {
    return this.db
      .selectFrom('signals')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('rule_id', '=', ruleId)
      .where('rule_version', '=', version)
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .distinctOn('subject_key')
      .orderBy('subject_key')
      .orderBy('created_at')
      .execute();
  }

  /** Marks signals resolved at `now` with their reasons; returns those it resolved (open until now). */
  async resolve(
    projectId: string,
    resolutions: { signalId: string; reason: string }[],
    now: Date,
  ): Promise<Signal[]> {
    if (resolutions.length === 0) return [];
    return this.db
      .updateTable('signals')
      .from(
        sql<{
          id: string;
          reason: string;
        }>`unnest(${resolutions.map((r) => r.signalId)}::uuid[], ${resolutions.map((r) => r.reason)}::text[])`.as<'r'>(
          sql`r(id, reason)`,
        ),
      )
      .set((eb) => ({ resolved_at: now, resolution: eb.ref('r.reason') }))
      .whereRef('signals.id', '=', 'r.id')
      .where('signals.project_id', '=', projectId)
      .where('signals.resolved_at', 'is', null)
      .returningAll('signals')
      .execute();
  }

  /** The signals of these (project, id) pairs that exist, in one query; each only from its own project. */
  findMany(keys: readonly { projectId: string; id: string }[]): Promise<Signal[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('signals')
      .selectAll()
      .where((eb) =>
        eb(
          eb.refTuple('project_id', 'id'),
          'in',
          keys.map((k) => eb.tuple(k.projectId, k.id)),
        ),
      )
      .execute();
  }

  /** A project's signals, newest first, a page at a time (keyset on created_at, id). */
  list(projectId: string, filters: SignalFilters): Promise<Signal[]> {
    let query = this.db.selectFrom('signals').selectAll().where('project_id', '=', projectId);
    if (filters.ruleId !== undefined) query = query.where('rule_id', '=', filters.ruleId);
    if (filters.accountId !== undefined) query = query.where('account_id', '=', filters.accountId);
    if (filters.userId !== undefined) query = query.where('user_id', '=', filters.userId);
    if (filters.since !== undefined) query = query.where('created_at', '>=', filters.since);
    const before = filters.before;
    if (before !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.createdAt, before.id)),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filters.limit).execute();
  }

  /**
   * How many signals of each account of the project were open at `at`: created before it and not resolved
   * before it (health counts them at a day's end, `at` the next midnight); accounts with none are absent.
   */
  async countOpenByAccount(projectId: string, at: Date): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('signals')
      .select(['account_id', sql<number>`count(*)::integer`.as('count')])
      .where('project_id', '=', projectId)
      .where('created_at', '<', at)
      .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', at)]))
      .where('account_id', 'is not', null)
      .groupBy('account_id')
      .$narrowType<{ account_id: string }>()
      .execute();
    return new Map(rows.map((r) => [r.account_id, r.count]));
  }
}
