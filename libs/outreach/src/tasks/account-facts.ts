import { Injectable } from '@nestjs/common';
import { QueryRunner, traitValue } from '@bindery/event-queries';
import { accountFactsQuery, accountKnownQuery, accountsNamedQuery } from './account-facts.query';

/** What the task list reads of an account from its traits. */
export interface AccountTraitFacts {
  name: string | null;
  mrr: number | null;
}

/** The most accounts a search by name matches; past them a search names fewer accounts than it could. */
export const MAX_NAMED_ACCOUNTS = 1000;

/** An account's name and MRR from its current traits, read for many accounts in one ClickHouse query. */
@Injectable()
export class AccountFacts {
  constructor(private readonly runner: QueryRunner) {}

  /** Each account's name and MRR; an account without traits is absent. */
  async of(projectId: string, accountIds: string[]): Promise<Map<string, AccountTraitFacts>> {
    const facts = new Map<string, AccountTraitFacts>();
    if (accountIds.length === 0) return facts;
    const rows = await this.runner.rows(accountFactsQuery(projectId, [...new Set(accountIds)]));
    for (const row of rows) {
      const fact = facts.get(row.subject_id) ?? { name: null, mrr: null };
      const value = traitValue(row.value);
      if (row.key === 'name' && typeof value === 'string' && value.trim() !== '') fact.name = value.trim();
      if (row.key === 'mrr') fact.mrr = mrrOf(value);
      facts.set(row.subject_id, fact);
    }
    return facts;
  }

  /** Each account's MRR, for ordering by it; accounts without one are left out. */
  async mrr(projectId: string, accountIds: string[]): Promise<Record<string, number>> {
    const mrr: Record<string, number> = {};
    for (const [id, fact] of await this.of(projectId, accountIds)) if (fact.mrr !== null) mrr[id] = fact.mrr;
    return mrr;
  }

  /** The accounts whose name holds `text`, any case. */
  async named(projectId: string, text: string): Promise<string[]> {
    const rows = await this.runner.rows(accountsNamedQuery(projectId, text, MAX_NAMED_ACCOUNTS));
    return rows.map((r) => r.id);
  }

  /** Whether the project knows the account from its actions or its traits. */
  async known(projectId: string, accountId: string): Promise<boolean> {
    const [row] = await this.runner.rows(accountKnownQuery(projectId, accountId));
    return row?.known === 1;
  }
}

/** An `mrr` trait as a number: a finite number, or numeric text (as some CRMs send it). */
export function mrrOf(value: unknown): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}
