import { type BoundQuery } from '@bindery/event-queries';

/** Users' or accounts' current traits: the newest value of each key, as JSON text. */
export function traitsQuery(projectId: string, kind: 'user' | 'account', subjectIds: string[]): BoundQuery {
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
