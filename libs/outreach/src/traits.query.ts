import { type BoundQuery } from '@bindery/event-queries';

/** A user's or an account's current traits: the newest value of each key, as JSON text. */
export function traitsQuery(projectId: string, kind: 'user' | 'account', subjectId: string): BoundQuery {
  return {
    query: `SELECT key, argMax(value, updated_at) AS value
FROM traits
WHERE project_id = {projectId:UUID} AND kind = {kind:String} AND subject_id = {subjectId:String}
GROUP BY key`,
    params: { projectId, kind, subjectId },
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
