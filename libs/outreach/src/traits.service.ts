import { Injectable } from '@nestjs/common';
import { QueryRunner, type TraitRow, traitsBySubject, traitsQuery } from '@bindery/event-queries';

/** Trait keys that name an account's CSM, in order of preference. */
const CSM_KEYS = ['csm_email', 'csm', 'owner_email', 'account_owner_email'];
/** A plain email address: one @, no spaces, quotes, angle brackets or line breaks. */
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;

type Traits = Record<string, unknown>;
interface Waiting {
  ids: Set<string>;
  resolvers: { id: string; resolve: (t: Traits) => void; reject: (e: unknown) => void }[];
}

/**
 * Reads users' and accounts' current traits from ClickHouse: emails, names, the account's CSM. Lookups asked
 * for in the same tick (many jobs run at once) go out as one query per project and kind.
 */
@Injectable()
export class TraitsService {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly runner: QueryRunner) {}

  of(projectId: string, kind: 'user' | 'account', id: string): Promise<Traits> {
    const key = `${projectId}|${kind}`;
    let batch = this.waiting.get(key);
    if (!batch) {
      const fresh: Waiting = { ids: new Set(), resolvers: [] };
      this.waiting.set(key, fresh);
      setImmediate(() => void this.flush(key, projectId, kind, fresh));
      batch = fresh;
    }
    batch.ids.add(id);
    return new Promise((resolve, reject) => batch.resolvers.push({ id, resolve, reject }));
  }

  private async flush(
    key: string,
    projectId: string,
    kind: 'user' | 'account',
    batch: Waiting,
  ): Promise<void> {
    this.waiting.delete(key);
    try {
      const byId = traitsBySubject(
        await this.runner.rows<TraitRow>(traitsQuery(projectId, kind, [...batch.ids])),
      );
      for (const r of batch.resolvers) r.resolve(byId.get(r.id) ?? {});
    } catch (error) {
      for (const r of batch.resolvers) r.reject(error);
    }
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
