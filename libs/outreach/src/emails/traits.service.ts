import { Injectable } from '@nestjs/common';
import { emailDomain, parseEmailAddress, type ResolvedProjectSettings } from '@bindery/contracts';
import { type Signal } from '@bindery/db';
import { QueryRunner, traitsBySubject, traitsQuery } from '@bindery/event-queries';
import { batchLoader } from './batch-loader';

/** Trait keys that name an account's CSM, in order of preference. */
const CSM_KEYS = ['csm_email', 'csm', 'owner_email', 'account_owner_email'];

type Traits = Record<string, unknown>;

/** A signal's account's and user's traits. */
export interface SignalTraits {
  account: Traits;
  user: Traits;
}

/** The CSM an account's traits name, if the project accepts it, and the trait values it did not accept. */
export interface CsmChoice {
  csm?: string;
  ignored: { trait: string; value: string; reason: string }[];
}
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
    const groups = new Map<string, Pick<Subject, 'projectId' | 'kind'> & { ids: Set<string> }>();
    for (const s of subjects) {
      const key = `${s.projectId}|${s.kind}`;
      const group = groups.get(key);
      if (group) group.ids.add(s.id);
      else groups.set(key, { projectId: s.projectId, kind: s.kind, ids: new Set([s.id]) });
    }
    const found = new Map<string, Map<string, Traits> | Error>();
    await Promise.all(
      [...groups].map(async ([key, { projectId, kind, ids }]) => {
        try {
          found.set(key, traitsBySubject(await this.runner.rows(traitsQuery(projectId, kind, [...ids]))));
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

  /** The traits of a signal's account and of its user, side by side ({} for one it is not about). */
  async ofSignal(signal: Pick<Signal, 'project_id' | 'account_id' | 'user_id'>): Promise<SignalTraits> {
    const [account, user] = await Promise.all([
      signal.account_id ? this.of(signal.project_id, 'account', signal.account_id) : {},
      signal.user_id ? this.of(signal.project_id, 'user', signal.user_id) : {},
    ]);
    return { account, user };
  }

  /** The address in a trait, if it is a plain address (lower-cased, as every comparison takes it). */
  static email(value: unknown): string | undefined {
    return parseEmailAddress(value);
  }

  /**
   * The account's CSM from its traits: the first of them that is a plain address in the project's `csms` or
   * in one of its `csmDomains`. Anyone with the public write key can set traits, so a trait never chooses a
   * recipient the project did not list; what it named instead is returned as ignored, with why.
   */
  static csmOf(traits: Traits, settings: Pick<ResolvedProjectSettings, 'csms' | 'csmDomains'>): CsmChoice {
    const ignored: CsmChoice['ignored'] = [];
    for (const trait of CSM_KEYS) {
      const value = traits[trait];
      if (value === undefined || value === null || value === '') continue;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      // eslint-disable-next-line no-control-regex -- shown in logs and the timeline on one line
      const shown = text.slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, ' ');
      const email = parseEmailAddress(value);
      if (email === undefined) {
        ignored.push({ trait, value: shown, reason: 'not a plain email address' });
      } else if (
        settings.csms.some((c) => c.email.toLowerCase() === email) ||
        settings.csmDomains.some((d) => d.toLowerCase() === emailDomain(email))
      ) {
        return { csm: email, ignored };
      } else {
        ignored.push({ trait, value: shown, reason: 'not in the project’s csms or csmDomains' });
      }
    }
    return { ignored };
  }
}
