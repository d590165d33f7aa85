import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import { DB } from '../database';
import { type Database, type HealthGrade, type JsonObject } from '../schema';

/** An account's health on one day, as computed. */
export interface HealthScore {
  accountId: string;
  score: number;
  components: JsonObject;
  abc: HealthGrade | null;
}

/** An account's health as stored for one day ('YYYY-MM-DD'). */
export interface HealthEntry {
  day: string;
  score: number;
  components: JsonObject;
  abc: HealthGrade | null;
}

/** 6 parameters a row, far below Postgres' 65,535 bind parameters a statement. */
const CHUNK_ROWS = 1000;
/** Rows a statement of {@link AccountHealthRepository.replaceDays} carries, as one array parameter a column. */
const REPLACE_CHUNK_ROWS = 20_000;
const DAY_MS = 86_400_000;

/**
 * The components of a health score (@bindery/rules' HEALTH_COMPONENTS), whole numbers 0-100; sentiment only for
 * an account with survey answers to count.
 */
export type HealthParts = Record<'recency' | 'activeShare' | 'breadth' | 'trend' | 'signals', number> & {
  sentiment?: number;
};

/** Scores for a run of days, and what they were computed with. */
export interface HealthDays {
  /** The days scored, 'YYYY-MM-DD', oldest first; days with no account scored may be absent. */
  days: { day: string; rows: (HealthScore & { components: HealthParts })[] }[];
  firstDay: string;
  lastDay: string;
  /** What the scores were computed with (`healthBasis` in @bindery/rules). */
  fingerprint: string;
  /** When they were computed: events received after it are scored at the next evaluation. */
  scoredAt: Date;
}

/** What a project's stored health history was computed with, and its newest day. */
export interface HealthBasis {
  fingerprint: string;
  lastDay: string;
  /** Null for a history stored before the time was kept. */
  scoredAt: Date | null;
}

/**
 * The stored `date` as 'YYYY-MM-DD' on pg and PGlite alike: pg would parse it into a Date at local midnight
 * (a day off west of UTC), and `day::text` follows the session's DateStyle; `to_char` depends on neither.
 */
const dayText = sql<string>`to_char(day, 'YYYY-MM-DD')`;

/**
 * Records `rows` of `day` as their accounts' newest scores, unless an account already has a newer day (a
 * back-dated run writes days before the newest).
 */
async function upsertLatest(
  db: Kysely<Database>,
  projectId: string,
  day: string,
  rows: Pick<HealthScore, 'accountId' | 'score' | 'abc'>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += REPLACE_CHUNK_ROWS) {
    const chunk = rows.slice(i, i + REPLACE_CHUNK_ROWS);
    await sql`insert into account_health_latest (project_id, account_id, day, score, abc)
      select ${projectId}::uuid, v.account_id, ${day}::date, v.score, v.abc
      from unnest(${chunk.map((r) => r.accountId)}::text[], ${chunk.map((r) => r.score)}::integer[],
        ${chunk.map((r) => r.abc)}::text[]) as v(account_id, score, abc)
      on conflict (project_id, account_id) do update
        set day = excluded.day, score = excluded.score, abc = excluded.abc
        where excluded.day >= account_health_latest.day`.execute(db);
  }
}

/**
 * Keeps account_health_latest true after the days firstDay..lastDay were replaced: each account's newest day
 * among them, and for an account whose newest day was among them and is now gone, its newest older day.
 */
async function keepLatest(tx: Transaction<Database>, projectId: string, scored: HealthDays): Promise<void> {
  const dropped = await tx
    .deleteFrom('account_health_latest')
    .where('project_id', '=', projectId)
    .where('day', '>=', scored.firstDay)
    .where('day', '<=', scored.lastDay)
    .returning('account_id')
    .execute();
  const written = new Set<string>();
  // Newest day first, so that each account is recorded with its newest day of the span.
  for (const { day, rows } of [...scored.days].reverse()) {
    const fresh = rows.filter((r) => !written.has(r.accountId));
    for (const r of fresh) written.add(r.accountId);
    await upsertLatest(tx, projectId, day, fresh);
  }
  const gone = dropped.map((d) => d.account_id).filter((id) => !written.has(id));
  if (gone.length === 0) return;
  await sql`insert into account_health_latest (project_id, account_id, day, score, abc)
    select distinct on (account_id) project_id, account_id, day, score, abc
    from account_health
    where project_id = ${projectId} and account_id = any(${gone}::text[])
    order by account_id, day desc
    on conflict (project_id, account_id) do nothing`.execute(tx);
}

/** Daily health scores per account; every query is scoped by project. */
@Injectable()
export class AccountHealthRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** Stores the day's scores, replacing any already stored for that day; one statement per 1,000 rows. */
  async upsertMany(projectId: string, day: string, rows: HealthScore[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      await this.db
        .insertInto('account_health')
        .values(
          rows.slice(i, i + CHUNK_ROWS).map((r) => ({
            project_id: projectId,
            account_id: r.accountId,
            day,
            score: r.score,
            components: JSON.stringify(r.components),
            abc: r.abc,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['project_id', 'account_id', 'day']).doUpdateSet((eb) => ({
            score: eb.ref('excluded.score'),
            components: eb.ref('excluded.components'),
            abc: eb.ref('excluded.abc'),
          })),
        )
        .execute();
    }
    await upsertLatest(this.db, projectId, day, rows);
  }

  /** What the project's history was computed with, or undefined before its first scores. */
  async basis(projectId: string): Promise<HealthBasis | undefined> {
    const row = await this.db
      .selectFrom('account_health_basis')
      .select([
        'fingerprint',
        sql<string>`to_char(last_day, 'YYYY-MM-DD')`.as('lastDay'),
        'scored_at as scoredAt',
      ])
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row;
  }

  /**
   * Replaces the scores of days firstDay..lastDay with these (an account not among a day's rows loses its
   * score for that day) and records what they were computed with, in one transaction. One statement per
   * 20,000 rows.
   */
  async replaceDays(projectId: string, scored: HealthDays): Promise<void> {
    const rows = scored.days.flatMap(({ day, rows }) => {
      const dayNumber = Date.parse(day) / DAY_MS;
      return rows.map((r) => ({ dayNumber, ...r }));
    });
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('account_health')
        .where('project_id', '=', projectId)
        .where('day', '>=', scored.firstDay)
        .where('day', '<=', scored.lastDay)
        .execute();
      for (let i = 0; i < rows.length; i += REPLACE_CHUNK_ROWS) {
        const chunk = rows.slice(i, i + REPLACE_CHUNK_ROWS);
        const ints = (pick: (r: (typeof rows)[number]) => unknown) => sql`${chunk.map(pick)}::integer[]`;
        const part = (name: keyof HealthParts) => ints((r) => r.components[name] ?? null);
        // One array parameter a column, the components as numbers built into jsonb by Postgres: parsing a
        // JSON text a row costs several times more. Days as numbers since 1970-01-01, for the same reason. A
        // concurrent evaluation of the same project may have written the same rows since the delete: the
        // later one wins. An absent sentiment is a null, stripped from the object.
        await sql`insert into account_health (project_id, account_id, day, score, components, abc)
          select ${projectId}::uuid, v.account_id, date '1970-01-01' + v.day, v.score,
            jsonb_strip_nulls(jsonb_build_object('recency', v.recency, 'activeShare', v.active_share,
              'breadth', v.breadth, 'trend', v.trend, 'signals', v.signals, 'sentiment', v.sentiment)),
            v.abc
          from unnest(${chunk.map((r) => r.accountId)}::text[], ${ints((r) => r.dayNumber)},
            ${ints((r) => r.score)}, ${part('recency')}, ${part('activeShare')}, ${part('breadth')},
            ${part('trend')}, ${part('signals')}, ${part('sentiment')}, ${chunk.map((r) => r.abc)}::text[])
            as v(account_id, day, score, recency, active_share, breadth, trend, signals, sentiment, abc)
          on conflict (project_id, account_id, day) do update
            set score = excluded.score, components = excluded.components, abc = excluded.abc`.execute(tx);
      }
      await keepLatest(tx, projectId, scored);
      await tx
        .insertInto('account_health_basis')
        .values({
          project_id: projectId,
          fingerprint: scored.fingerprint,
          last_day: scored.lastDay,
          scored_at: scored.scoredAt,
        })
        .onConflict((oc) =>
          oc.column('project_id').doUpdateSet({
            fingerprint: scored.fingerprint,
            last_day: scored.lastDay,
            scored_at: scored.scoredAt,
          }),
        )
        .execute();
    });
  }

  /**
   * How many signals of each account were open at the end of each day firstDay..lastDay (day numbers since
   * 1970-01-01, UTC), as SignalRepository.countOpenByAccount counts them at an instant: created before the
   * day's end and not resolved by then. Index i is day firstDay + i; accounts with none on any day are absent.
   * With `asOf`, the signals as they stood at that instant: those created later are left out, and those
   * resolved later count as open (an evaluation at `asOf` reads them so while its rules write).
   */
  async openSignalsByDay(
    projectId: string,
    firstDay: number,
    lastDay: number,
    asOf?: Date,
  ): Promise<Map<string, number[]>> {
    // The days before the first are one: a change on any of them counts from the first day on, so the rows
    // returned are at most a few per account rather than one per account and day of the signals' history.
    const dayOf = (column: 'created_at' | 'resolved_at') =>
      sql<number>`greatest(floor(extract(epoch from ${sql.ref(column)}) / 86400)::integer, ${firstDay}::integer)`;
    const end = new Date((lastDay + 1) * DAY_MS);
    // A signal counts on the days from the one it was created on up to the one before it was resolved on.
    const open = this.db
      .selectFrom('signals')
      .where('project_id', '=', projectId)
      .where('account_id', 'is not', null)
      .where('created_at', '<', asOf && asOf < end ? asOf : end)
      .where((eb) =>
        eb.or([
          eb('resolved_at', 'is', null),
          eb('resolved_at', '>=', new Date((firstDay + 1) * DAY_MS)),
          ...(asOf ? [eb('resolved_at', '>=', asOf)] : []),
        ]),
      );
    const resolved = open.where('resolved_at', 'is not', null);
    const rows = await this.db
      .selectFrom(
        open
          .select(['account_id', dayOf('created_at').as('day'), sql<number>`1`.as('delta')])
          .unionAll(
            (asOf ? resolved.where('resolved_at', '<', asOf) : resolved).select([
              'account_id',
              dayOf('resolved_at').as('day'),
              sql<number>`-1`.as('delta'),
            ]),
          )
          .as('changes'),
      )
      .select(['account_id', 'day', sql<number>`sum(delta)::integer`.as('delta')])
      .groupBy(['account_id', 'day'])
      .orderBy('account_id')
      .orderBy('day')
      .$narrowType<{ account_id: string }>()
      .execute();
    const counts = new Map<string, number[]>();
    for (const { account_id, day, delta } of rows) {
      let days = counts.get(account_id);
      if (!days) counts.set(account_id, (days = new Array<number>(lastDay - firstDay + 1).fill(0)));
      for (let i = day - firstDay; i < days.length; i++) days[i] = (days[i] ?? 0) + delta;
    }
    return counts;
  }

  /** Each account's newest stored day; accounts with no score are absent. */
  async latest(projectId: string, accountIds: string[]): Promise<Map<string, HealthEntry>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('account_health')
      .select(['account_id', dayText.as('day'), 'score', 'components', 'abc'])
      .distinctOn('account_id')
      .where('project_id', '=', projectId)
      .where(sql<boolean>`account_id = any(${accountIds}::text[])`)
      .orderBy('account_id')
      .orderBy('account_health.day', 'desc')
      .execute();
    return new Map(rows.map(({ account_id, ...entry }) => [account_id, entry]));
  }

  /**
   * Every scored account's newest score and class: what the accounts list sorts and filters by. One row of
   * three arrays: returning 100,000 rows costs PGlite seconds, the same values as arrays a tenth of that.
   */
  async latestScores(projectId: string): Promise<Map<string, { score: number; abc: HealthGrade | null }>> {
    const { rows } = await sql<{
      ids: string[] | null;
      scores: number[] | null;
      grades: (HealthGrade | null)[] | null;
    }>`select array_agg(account_id) as ids, array_agg(score) as scores, array_agg(abc) as grades
      from account_health_latest
      where project_id = ${projectId}`.execute(this.db);
    const { ids, scores, grades } = rows[0] ?? { ids: null, scores: null, grades: null };
    return new Map((ids ?? []).map((id, i) => [id, { score: scores![i]!, abc: grades![i] ?? null }]));
  }

  /** An account's scores from `sinceDay` ('YYYY-MM-DD') on, oldest first. */
  history(projectId: string, accountId: string, sinceDay: string): Promise<HealthEntry[]> {
    return this.db
      .selectFrom('account_health')
      .select([dayText.as('day'), 'score', 'components', 'abc'])
      .where('project_id', '=', projectId)
      .where('account_id', '=', accountId)
      .where('account_health.day', '>=', sinceDay)
      .orderBy('account_health.day')
      .execute();
  }

  /**
   * What a health drop reads of each account scored on `today` (a day number): its highest score of the days
   * from `sinceDay` before `today`, with that day (the latest, on a tie), if it has one, then its score of
   * `today`. At most two days an account, oldest first: summed up in Postgres rather than every day of the
   * window read (a fifth of the time for 2,000 accounts over 15 days on PGlite).
   */
  async dropScores(
    projectId: string,
    sinceDay: number,
    today: number,
  ): Promise<Map<string, { day: number; score: number }[]>> {
    const day = (n: number) => sql`(date '1970-01-01' + ${n}::integer)`;
    const { rows } = await sql<{ account_id: string; score: number; peak: [number, number] | null }>`
      select account_id, max(score) filter (where day = ${day(today)}) as score,
        max(array[score, day - date '1970-01-01']) filter (where day < ${day(today)}) as peak
      from account_health
      where project_id = ${projectId} and day >= ${day(sinceDay)} and day <= ${day(today)}
      group by account_id
      having max(score) filter (where day = ${day(today)}) is not null`.execute(this.db);
    return new Map(
      rows.map(({ account_id, score, peak }) => [
        account_id,
        [...(peak ? [{ day: peak[1], score: peak[0] }] : []), { day: today, score }],
      ]),
    );
  }
}
