import { type EventRow } from '@bindery/contracts';

/** A link the rules refused, with why (docs/analytics.md, People). */
export interface RefusedLink {
  id: string;
  userId: string;
  reason: 'known_user' | 'linked_to_another_user';
}

/** Who each linked id belongs to, and the links that did not merge. */
export interface PersonMap {
  /** Linked id → the user id whose person it joined; ids not in the map are persons of their own. */
  merged: Map<string, string>;
  refused: RefusedLink[];
}

interface Link {
  from: string;
  to: string;
  time: number;
}

const LINK_EVENTS = new Set(['$identify', '$alias', '$create_alias']);

/** The id an identify or alias row links to its user id ('' for none). */
function linkedId(row: EventRow): string {
  if (row.type === 'identify') return row.anonymous_id;
  const props: unknown = JSON.parse(row.properties || '{}');
  const previous =
    props !== null && typeof props === 'object' ? (props as Record<string, unknown>).previousId : undefined;
  return typeof previous === 'string' ? previous : '';
}

/**
 * The merge rules, brute force over a project's deduplicated rows: every identify or alias call with a user
 * id makes that id a known user; a link from an id that is not a known user merges it into the user of its
 * earliest link (time, then the smaller user id); its links to other users, and links from known users, are
 * refused.
 */
export function personMap(rows: readonly EventRow[]): PersonMap {
  const known = new Set<string>();
  const links: Link[] = [];
  for (const row of rows) {
    if ((row.type !== 'identify' && row.type !== 'alias') || !LINK_EVENTS.has(row.event)) continue;
    if (row.user_id === '') continue;
    known.add(row.user_id);
    const from = linkedId(row);
    if (from !== '' && from !== row.user_id) {
      links.push({ from, to: row.user_id, time: row.timestamp });
    }
  }
  links.sort((a, b) => a.time - b.time || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  const merged = new Map<string, string>();
  const refused = new Map<string, RefusedLink>();
  for (const link of links) {
    const key = `${link.from}\u0000${link.to}`;
    if (known.has(link.from)) {
      refused.set(key, { id: link.from, userId: link.to, reason: 'known_user' });
      continue;
    }
    const owner = merged.get(link.from);
    if (owner === undefined) merged.set(link.from, link.to);
    else if (owner !== link.to) {
      refused.set(key, { id: link.from, userId: link.to, reason: 'linked_to_another_user' });
    }
  }
  return { merged, refused: [...refused.values()] };
}

/** The person of an id under a map: the user it merged into, else itself. */
export function personFor(map: PersonMap, id: string): string {
  return map.merged.get(id) ?? id;
}
