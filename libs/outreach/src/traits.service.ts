import { Injectable } from '@nestjs/common';
import { QueryRunner } from '@bindery/event-queries';
import { traitsQuery, traitValue } from './traits.query';

/** Trait keys that name an account's CSM, in order of preference. */
const CSM_KEYS = ['csm_email', 'csm', 'owner_email', 'account_owner_email'];
/** A plain email address: one @, no spaces, quotes, angle brackets or line breaks. */
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;

/** Reads users' and accounts' current traits from ClickHouse: emails, names, the account's CSM. */
@Injectable()
export class TraitsService {
  constructor(private readonly runner: QueryRunner) {}

  async of(projectId: string, kind: 'user' | 'account', id: string): Promise<Record<string, unknown>> {
    const rows = await this.runner.rows<{ key: string; value: string }>(traitsQuery(projectId, kind, id));
    return Object.fromEntries(rows.map((r) => [r.key, traitValue(r.value)]));
  }

  /** The address in a trait, if it is one that is safe to send to. */
  static email(value: unknown): string | undefined {
    return typeof value === 'string' && value.length <= 320 && EMAIL.test(value)
      ? value.toLowerCase()
      : undefined;
  }

  /** The account's CSM, from its traits. */
  static csmOf(traits: Record<string, unknown>): string | undefined {
    for (const key of CSM_KEYS) {
      const email = TraitsService.email(traits[key]);
      if (email) return email;
    }
    return undefined;
  }
}
