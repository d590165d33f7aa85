import {
  type Aggregation,
  type EventRow,
  type PropertyCondition,
  type PropertyFilter,
  type PropertyValue,
} from '@bindery/contracts';
import { personFor, personMap } from './persons.reference';
import { nth } from '../nth';

export const DAY_MS = 86_400_000;

type Json = Record<string, unknown>;

/** One action (track, page or screen) of the project, its JSON parsed once. */
export interface Action {
  id: string;
  type: EventRow['type'];
  event: string;
  time: number;
  /** The person: user id, else anonymous id, merged by identity links (persons.reference.ts). */
  person: string;
  account: string;
  props: Json;
  /** The feature of a track event, read from its properties (null for page and screen). */
  feature: string | null;
}

const ACTION_TYPES = new Set<EventRow['type']>(['track', 'page', 'screen']);

const parseObject = (text: string): Json => {
  const value: unknown = JSON.parse(text || '{}');
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
};

/** The rows of one project, one per event id (the first one seen: duplicates are identical copies). */
export function uniqueRows(events: readonly EventRow[], projectId: string): EventRow[] {
  const seen = new Set<string>();
  const rows: EventRow[] = [];
  for (const row of events) {
    if (row.project_id !== projectId || seen.has(row.event_id)) continue;
    seen.add(row.event_id);
    rows.push(row);
  }
  return rows;
}

/** The project's deduplicated actions, parsed, in no particular order. */
export function actionsOf(events: readonly EventRow[], projectId: string): Action[] {
  const rows = uniqueRows(events, projectId);
  const persons = personMap(rows);
  return rows
    .filter((row) => ACTION_TYPES.has(row.type))
    .map((row) => {
      const props = parseObject(row.properties);
      // Recomputed from the properties rather than read from the column, so the stored column is checked too.
      const feature =
        row.type !== 'track'
          ? null
          : typeof props.feature === 'string' && props.feature !== ''
            ? props.feature
            : row.event;
      return {
        id: row.event_id,
        type: row.type,
        event: row.event,
        time: row.timestamp,
        person: personFor(persons, row.user_id !== '' ? row.user_id : row.anonymous_id),
        account: row.account_id,
        props,
        feature,
      };
    });
}

/** The subject an action counts for, or null when it has none under this aggregation. */
export function subjectOf(action: Action, by: Aggregation): string | null {
  const id = by === 'account' ? action.account : action.person;
  return id === '' ? null : id;
}

/** Plain code-unit comparison: the same as byte order for the ASCII ids and names of the tests. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The index of a UTC day, counted from 1970-01-01. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The index of the UTC day of the Monday starting the week that holds this day. */
export function mondayOf(day: number): number {
  // 1970-01-01 was a Thursday: three days after a Monday.
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The index of the local day holding `ms` in a time zone, read from the zone's calendar date. */
export function zonedDayOf(ms: number, timeZone: string): number {
  const date = new Date(ms).toLocaleDateString('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/**
 * The first millisecond of a local day in a time zone, found by search: quarter hours forward from 15 hours
 * before its UTC midnight to the first that falls on it, then halving down to the millisecond.
 */
export function zonedDayStartOf(day: number, timeZone: string): number {
  const QUARTER = 900_000;
  let high = day * DAY_MS - 15 * 3_600_000;
  while (zonedDayOf(high, timeZone) < day) high += QUARTER;
  let low = high - QUARTER;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (zonedDayOf(mid, timeZone) < day) low = mid;
    else high = mid;
  }
  return high;
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A range [from, to) in epoch milliseconds. */
export function parseRange(q: { from: string; to: string }): { from: number; to: number } {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (!(to > from)) throw new Error(`invalid range ${q.from} .. ${q.to}`);
  return { from, to };
}

const sameTypeEqual = (actual: unknown, expected: PropertyValue | undefined): boolean =>
  expected !== undefined && typeof actual === typeof expected && actual === expected;

function conditionHolds(props: Json, key: string, condition: PropertyCondition): boolean {
  const present = Object.hasOwn(props, key);
  const actual = present ? props[key] : undefined;
  const expected = condition.value;
  const numbers = typeof actual === 'number' && typeof expected === 'number';
  switch (condition.op) {
    case 'eq':
      return sameTypeEqual(actual, expected);
    case 'neq':
      return !sameTypeEqual(actual, expected);
    case 'gt':
      return numbers && actual > expected;
    case 'gte':
      return numbers && actual >= expected;
    case 'lt':
      return numbers && actual < expected;
    case 'lte':
      return numbers && actual <= expected;
    case 'contains':
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'is_set':
      return present;
    case 'is_not_set':
      return !present;
  }
}

/** Whether every condition of a step's `where` holds for these properties. */
export function filterHolds(props: Json, where: PropertyFilter | undefined): boolean {
  return Object.entries(where ?? {}).every(([key, condition]) =>
    conditionHolds(props, key, typeof condition === 'object' ? condition : { op: 'eq', value: condition }),
  );
}

/** The breakdown value of a property: its string, the JSON text of a number or boolean, else null. */
export function breakdownValue(props: Json, key: string): string | null {
  const value = props[key];
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? JSON.stringify(value) : null;
}

/** Seconds, rounded to the millisecond, from a duration in milliseconds. */
export function roundedSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? nth(sorted, mid) : (nth(sorted, mid - 1) + nth(sorted, mid)) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Groups values by a key, keeping the order of first appearance. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
