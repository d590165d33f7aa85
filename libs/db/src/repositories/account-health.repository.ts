import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
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

/**
 * The stored `date` as 'YYYY-MM-DD' on pg and PGlite alike: pg would parse it into a Date at local midnight
 * (a day off west of UTC), and `day::text` follows the session's DateStyle; `to_char` depends on neither.
 */
const dayText = sql<string>`to_char(day, 'YYYY-MM-DD')`;

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

  /** Every account's scores from `sinceDay` ('YYYY-MM-DD') on, oldest first. */
  async historyForAll(
    projectId: string,
    sinceDay: string,
  ): Promise<Map<string, { day: string; score: number }[]>> {
    const rows = await this.db
      .selectFrom('account_health')
      .select(['account_id', dayText.as('day'), 'score'])
      .where('project_id', '=', projectId)
      .where('account_health.day', '>=', sinceDay)
      .orderBy('account_id')
      .orderBy('account_health.day')
      .execute();
    const byAccount = new Map<string, { day: string; score: number }[]>();
    for (const { account_id, day, score } of rows) {
      const days = byAccount.get(account_id);
      if (days) days.push({ day, score });
      else byAccount.set(account_id, [{ day, score }]);
    }
    return byAccount;
  }
}
