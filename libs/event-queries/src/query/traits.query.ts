import { type BoundQuery } from './bound-query';
import { type QueryRunner } from './query-runner';

/** Users' or accounts' current traits: the newest value of each key, as JSON text. */
export function traitsQuery(
  projectId: string,
  kind: 'user' | 'account',
  subjectIds: string[],
): BoundQuery<TraitRow> {
  return {
    query: `SELECT subject_id, key, argMax(value, updated_at) AS value
FROM traits
WHERE project_id = {projectId:UUID} AND kind = {kind:String} AND subject_id IN {subjectIds:Array(String)}
GROUP BY subject_id, key`,
    params: { projectId, kind, subjectIds },
  };
}

/** Stored JSON text as its value; text that is not JSON stays a string. */
export function traitValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A trait's value as text, trimmed, if it is a string with more than spaces; else null. */
export function traitText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A row of {@link traitsQuery}. */
export interface TraitRow {
  subject_id: string;
  key: string;
  value: string;
}

/** The rows of {@link traitsQuery} as each subject's traits, values parsed. */
export function traitsBySubject(rows: TraitRow[]): Map<string, Record<string, unknown>> {
  const bySubject = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const traits = bySubject.get(r.subject_id) ?? {};
    traits[r.key] = traitValue(r.value);
    bySubject.set(r.subject_id, traits);
  }
  return bySubject;
}

/** The current traits of users `ids`, by id (a user without any is absent); no query for no ids. */
export async function usersTraits(
  runner: QueryRunner,
  projectId: string,
  ids: string[],
): Promise<Map<string, Record<string, unknown>>> {
  return ids.length ? traitsBySubject(await runner.rows(traitsQuery(projectId, 'user', ids))) : new Map();
}
