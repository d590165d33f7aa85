import type { EventDefinitionList } from '@bindery/contracts';

/** All events stored, and when the newest arrived: the event definitions' counts and last times. */
export function eventTotals(list: EventDefinitionList): { total: number; lastSeen: string | null } {
  let total = 0;
  let lastSeen: string | null = null;
  for (const d of list.definitions) {
    total += d.count;
    if (!lastSeen || Date.parse(d.lastSeen) > Date.parse(lastSeen)) lastSeen = d.lastSeen;
  }
  return { total, lastSeen };
}
