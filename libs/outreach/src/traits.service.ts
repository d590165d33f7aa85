import { Injectable } from '@nestjs/common';
import { QueryRunner, type TraitRow, traitsBySubject, traitsQuery } from '@bindery/event-queries';
import { batchLoader } from './batch-loader';

/** Trait keys that name an account's CSM, in order of preference. */
const CSM_KEYS = ['csm_email', 'csm', 'owner_email', 'account_owner_email'];
/** A plain email address: one @, no spaces, quotes, angle brackets or line breaks. */
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;

type Traits = Record<string, unknown>;
interface Subject {
  projectId: string;
  kind: 'user' | 'account';
  id: string;
}

/**
 * Reads users' and accounts' current traits from ClickHouse: emails, names, the account's CSM. Lookups asked
 * for side by side (many jobs run at once) go out as one query per project and kind.
 */
@Injectable()
export class TraitsService {
  private readonly lookups = batchLoader<Subject, Traits>(async (subjects) => {
    const groups = new Map<string, Subject[]>();
    for (const s of subjects) {
      const key = `${s.projectId}|${s.kind}`;
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    const found = new Map<string, Map<string, Traits> | Error>();
    await Promise.all(
      [...groups].map(async ([key, group]) => {
        const { projectId, kind } = group[0];
        const ids = [...new Set(group.map((s) => s.id))];
        try {
          found.set(
            key,
            traitsBySubject(await this.runner.rows<TraitRow>(traitsQuery(projectId, kind, ids))),
          );
        } catch (error) {
          found.set(key, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return subjects.map((s) => {
      const byId = found.get(`${s.projectId}|${s.kind}`);
      return byId instanceof Error ? byId : (byId?.get(s.id) ?? {});
    });
  });

  constructor(private readonly runner: QueryRunner) {}

  of(projectId: string, kind: 'user' | 'account', id: string): Promise<Traits> {
    return this.lookups.load({ projectId, kind, id });
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
