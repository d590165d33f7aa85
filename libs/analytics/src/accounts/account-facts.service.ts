import { Injectable } from '@nestjs/common';
import { AccountHealthRepository, type HealthBasis, type HealthGrade, TaskRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { accountActivityFactsQuery, accountFactsQuery } from './account-facts.query';
import {
  type AccountFacts,
  type AccountSort,
  extraFactsOf,
  numberOf,
  sortAccounts,
  textOf,
  trendOf,
} from './account-ranking';
import { KeptReads } from './kept-reads';

/**
 * How long a read of a project's traits and activity serves the accounts list and overview: what ranks them
 * may be this much behind the events (docs/analytics.md, Accounts). Health and open tasks are never behind.
 */
export const FACTS_MAX_AGE_MS = 30_000;
/** Projects whose facts are kept at once (tens of MB each at 100,000 accounts); the least recent goes first. */
const KEPT_PROJECTS = 8;

/** What the ClickHouse reads give an account: the facts but its health. */
type ReadFacts = Omit<AccountFacts, 'score' | 'abc'>;
type Scores = Map<string, { score: number; abc: HealthGrade | null }>;
type Activity = Map<string, Pick<AccountFacts, 'active7' | 'active30' | 'trend'>>;

const NO_ACTIVITY = { active7: 0, active30: 0, trend: null };

/** Every account's facts, and its orders by the sorts asked for so far; shared by requests, never changed. */
interface Snapshot {
  facts: readonly AccountFacts[];
  /** By sort key, '-' before it for descending. */
  orders: Map<string, readonly AccountFacts[]>;
}

/** `parse`, remembering its answer for each text. */
function parsedOnce<T>(parse: (text: string) => T): (text: string) => T {
  const parsed = new Map<string, T>();
  return (text) => {
    if (parsed.has(text)) return parsed.get(text)!;
    const value = parse(text);
    parsed.set(text, value);
    return value;
  };
}

/** The tag of the scores a rules run stored: a new run, new scores. */
const healthTag = (basis: HealthBasis | undefined) =>
  basis ? `${basis.fingerprint} ${basis.lastDay} ${basis.scoredAt?.getTime() ?? ''}` : '';

/**
 * Every account of a project as one narrow row (traits, last action, latest health, and the activity columns
 * when sorted by them): what ranks the accounts list and sums up the overview without loading summaries.
 * Read once and kept, so that paging and sorting again cost no reads: the ClickHouse columns for
 * {@link FACTS_MAX_AGE_MS}, the scores until a rules run stores new ones (its basis, one row, is read on every
 * call), open tasks not at all (read on every call that sorts by them).
 */
@Injectable()
export class AccountFactsService {
  private readonly traits = new KeptReads<ReadFacts[]>(FACTS_MAX_AGE_MS, KEPT_PROJECTS);
  private readonly activity = new KeptReads<Activity>(FACTS_MAX_AGE_MS, KEPT_PROJECTS);
  private readonly scores = new KeptReads<Scores>(Infinity, KEPT_PROJECTS);
  private readonly snapshots = new KeptReads<Snapshot>(FACTS_MAX_AGE_MS, 2 * KEPT_PROJECTS);

  constructor(
    private readonly runner: QueryRunner,
    private readonly health: AccountHealthRepository,
    private readonly tasks: TaskRepository,
  ) {}

  /** Every known account's facts, as of day D = asOfDay. */
  async facts(projectId: string, asOfDay: number): Promise<readonly AccountFacts[]> {
    return (await this.snapshot(projectId, asOfDay, false)).facts;
  }

  /**
   * The accounts that `keep` keeps (all without it) in the order of `sort`, as of day D = asOfDay, and how many
   * accounts are known. An order of every account is kept once made; until then a filter's accounts are sorted
   * alone, which costs a fraction when it keeps few.
   */
  async ranked(
    projectId: string,
    asOfDay: number,
    sort: AccountSort,
    keep: ((a: AccountFacts) => boolean) | null,
  ): Promise<{ matched: readonly AccountFacts[]; total: number }> {
    const extra = extraFactsOf(sort.key);
    const [{ facts, orders }, open] = await Promise.all([
      this.snapshot(projectId, asOfDay, extra === 'activity'),
      extra === 'openTasks' ? this.tasks.activeCountByAccount(projectId) : undefined,
    ]);
    const total = facts.length;
    const key = `${sort.descending ? '-' : ''}${sort.key}`;
    const kept = orders.get(key);
    if (kept) return { matched: keep ? kept.filter(keep) : kept, total };
    if (keep) return { matched: sortAccounts(facts.filter(keep), sort, open), total };
    const order = sortAccounts(facts, sort, open);
    // Open tasks are read on every request: an order by them is not kept.
    if (!open) orders.set(key, order);
    return { matched: order, total };
  }

  /** The kept snapshot if none of its reads was replaced since, else one built from the current reads. */
  private async snapshot(projectId: string, asOfDay: number, withActivity: boolean): Promise<Snapshot> {
    const day = `${projectId} ${asOfDay}`;
    const tag = healthTag(await this.health.basis(projectId));
    const reads = {
      traits: this.traits.get(day, '', () => this.readFacts(projectId, asOfDay)),
      scores: this.scores.get(projectId, tag, () => this.health.latestScores(projectId)),
      activity: withActivity
        ? this.activity.get(day, '', () => this.readActivity(projectId, asOfDay))
        : undefined,
    };
    const from = [reads.traits, reads.scores, reads.activity].map((r) => r?.serial ?? '-').join(' ');
    return this.snapshots.get(`${day} ${withActivity}`, from, async () => {
      const [read, scores, activity] = await Promise.all([
        reads.traits.value,
        reads.scores.value,
        reads.activity?.value,
      ]);
      // One object literal a shape: spreading 100,000 objects costs several times more.
      const facts = read.map(({ id, name, csm, mrr, lastSeen }): AccountFacts => {
        const health = scores.get(id);
        const score = health ? health.score : null;
        const abc = health ? health.abc : null;
        if (!activity) return { id, name, csm, mrr, score, abc, lastSeen };
        const { active7, active30, trend } = activity.get(id) ?? NO_ACTIVITY;
        return { id, name, csm, mrr, score, abc, lastSeen, active7, active30, trend };
      });
      return { facts, orders: new Map() };
    }).value;
  }

  private async readFacts(projectId: string, asOfDay: number): Promise<ReadFacts[]> {
    const [row] = await this.runner.rows(accountFactsQuery(projectId, asOfDay));
    if (!row) return [];
    // CSMs and MRRs repeat across accounts: each distinct value is parsed once.
    const csmOf = parsedOnce(textOf);
    const mrrOf = parsedOnce(numberOf);
    return row.ids.map((id, i) => ({
      id,
      name: textOf(row.names[i]!) ?? id,
      csm: csmOf(row.csms[i]!),
      mrr: mrrOf(row.mrrs[i]!),
      lastSeen: row.last_seen[i]! > 0 ? row.last_seen[i]! : null,
    }));
  }

  private async readActivity(projectId: string, asOfDay: number): Promise<Activity> {
    const [row] = await this.runner.rows(accountActivityFactsQuery(projectId, asOfDay));
    const activity: Activity = new Map();
    row?.ids.forEach((id, i) =>
      activity.set(id, {
        active7: row.active7[i]!,
        active30: row.active30[i]!,
        trend: trendOf(row.last_week[i]!, row.prior_weeks[i]!),
      }),
    );
    return activity;
  }
}
