import { Injectable } from '@nestjs/common';
import {
  AccountHealthRepository,
  type HealthEntry,
  ProjectSettingsRepository,
  TaskRepository,
} from '@bindery/db';
import {
  type AccountDetail,
  type AccountHealthHistory,
  type AccountList,
  type AccountListItem,
  type AccountListQuery,
  type AccountSummary,
  NotFound,
} from '@bindery/contracts';
import { withDefaultSettings } from '@bindery/rules';
import { AccountFactsService } from './account-facts.service';
import { decodeOffset, encodeOffset, filterOf, isRanked, parseSort } from './account-ranking';
import {
  accountDailyQuery,
  accountFeaturesQuery,
  accountIdsQuery,
  accountMembersQuery,
  accountSummariesQuery,
} from './accounts.query';
import {
  DAY_MS,
  decodeAfter,
  encodeAfter,
  isoDay,
  QueryRunner,
  traitsBySubject,
  traitsQuery,
  traitText,
  usersTraits,
} from '@bindery/event-queries';

const healthOf = (entry: HealthEntry | undefined): AccountSummary['health'] =>
  entry
    ? {
        day: entry.day,
        score: entry.score,
        abc: entry.abc,
        components: entry.components as Record<string, number>,
      }
    : null;

export const asOfDayOf = (asOf: string | undefined) =>
  Math.floor((asOf ? Date.parse(asOf) : Date.now()) / DAY_MS);

/** Accounts as a CSM sees them: traits, users, activity and its trend. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly health: AccountHealthRepository,
    private readonly tasks: TaskRepository,
    private readonly facts: AccountFactsService,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  /** By id, a cursor after the last id; with a sort or a filter, ranked on the server (see {@link ranked}). */
  async list(projectId: string, q: AccountListQuery): Promise<AccountList> {
    if (isRanked(q)) return this.ranked(projectId, q);
    const ids = (
      await this.runner.rows(
        accountIdsQuery(projectId, q.limit, q.cursor === undefined ? undefined : decodeAfter(q.cursor)),
      )
    ).map((r) => r.id);
    const page = ids.slice(0, q.limit);
    const last = page.at(-1);
    return {
      accounts: await this.items(projectId, page, asOfDayOf(q.asOf)),
      nextCursor: ids.length > q.limit && last !== undefined ? encodeAfter(last) : null,
    };
  }

  /**
   * Every account's facts (see {@link AccountFactsService}) filtered and in the order of the sort, and only the
   * page's accounts summed up: the work grows with the accounts, the answer with the page.
   */
  private async ranked(projectId: string, q: AccountListQuery): Promise<AccountList> {
    const day = asOfDayOf(q.asOf);
    const offset = q.cursor === undefined ? 0 : decodeOffset(q.cursor);
    const { atRiskBelow } = withDefaultSettings(await this.settings.get(projectId));
    const { matched, total } = await this.facts.ranked(
      projectId,
      day,
      parseSort(q.sort),
      filterOf(q, atRiskBelow),
    );
    const end = offset + q.limit;
    return {
      accounts: await this.items(
        projectId,
        matched.slice(offset, end).map((a) => a.id),
        day,
      ),
      nextCursor: end < matched.length ? encodeOffset(end) : null,
      matched: matched.length,
      total,
    };
  }

  /** The accounts' summaries with their open tasks, in the order of `ids`. */
  async items(projectId: string, ids: string[], asOfDay: number): Promise<AccountListItem[]> {
    const [summaries, open] = await Promise.all([
      this.summaries(projectId, ids, asOfDay),
      this.tasks.activeCountByAccount(projectId, ids),
    ]);
    return summaries.map((s) => ({ ...s, openTasks: open.get(s.id) ?? 0 }));
  }

  async detail(projectId: string, accountId: string, asOf: string | undefined): Promise<AccountDetail> {
    const day = asOfDayOf(asOf);
    const [summary] = await this.summaries(projectId, [accountId], day);
    const [daily, features, members] = await Promise.all([
      this.runner.rows(accountDailyQuery(projectId, accountId, day)),
      this.runner.rows(accountFeaturesQuery(projectId, accountId, day)),
      this.runner.rows(accountMembersQuery(projectId, accountId, day)),
    ]);
    if (summary === undefined || (summary.lastSeenAt === null && Object.keys(summary.traits).length === 0)) {
      throw NotFound(`Account ${accountId} not found`);
    }
    const people = await usersTraits(
      this.runner,
      projectId,
      members.map((m) => m.id),
    );
    const byDay = new Map(daily.map((d) => [d.day_number, d]));
    return {
      ...summary,
      daily: Array.from({ length: 30 }, (_, i) => {
        const d = byDay.get(day - 29 + i);
        return { day: isoDay((day - 29 + i) * DAY_MS), events: d?.events ?? 0, activeUsers: d?.users ?? 0 };
      }),
      features: features.map((f) => ({
        feature: f.feature,
        uses: f.uses,
        users: f.users,
        lastUsedAt: new Date(f.last_used).toISOString(),
      })),
      members: members.map((m) => ({
        id: m.id,
        name: traitText(people.get(m.id)?.name),
        email: traitText(people.get(m.id)?.email),
        lastSeenAt: new Date(m.last_seen).toISOString(),
        events30d: m.events30d,
      })),
    };
  }

  /** The account's daily health scores (as the rules worker computed them) over the last `days` days. */
  async healthHistory(projectId: string, accountId: string, days: number): Promise<AccountHealthHistory> {
    const since = isoDay((Math.floor(Date.now() / DAY_MS) - days + 1) * DAY_MS);
    const rows = await this.health.history(projectId, accountId, since);
    return { history: rows.map((r) => ({ ...r, components: r.components as Record<string, number> })) };
  }

  private async summaries(projectId: string, ids: string[], asOfDay: number): Promise<AccountSummary[]> {
    if (!ids.length) return [];
    const [rows, traits, health] = await Promise.all([
      this.runner.rows(accountSummariesQuery(projectId, ids, asOfDay)),
      this.runner.rows(traitsQuery(projectId, 'account', ids)),
      this.health.latest(projectId, ids),
    ]);
    const stats = new Map(rows.map((r) => [r.id, r]));
    const traitsOf = traitsBySubject(traits);
    return ids.map((id) => {
      const s = stats.get(id);
      return {
        id,
        traits: traitsOf.get(id) ?? {},
        users: s?.users ?? 0,
        activeUsers7d: s?.active7 ?? 0,
        activeUsers30d: s?.active30 ?? 0,
        lastSeenAt: s ? new Date(s.last_seen).toISOString() : null,
        weeklyEvents: s?.weekly ?? new Array<number>(8).fill(0),
        health: healthOf(health.get(id)),
      };
    });
  }
}
