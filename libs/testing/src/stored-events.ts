import { setTimeout as sleep } from 'node:timers/promises';
import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import { getJson } from './http';
import { type TestApp } from './test-app';

/** The explorer's answer: the events, or how long it asks to wait (it limits reads per project). */
async function readEvents(
  t: TestApp,
  project: CreatedProject,
): Promise<{ events: StoredEvent[] } | { retryAfterMs: number }> {
  const res = await getJson<{ events: StoredEvent[] }>(
    `${t.url}/v1/projects/${project.id}/events?limit=1000`,
    project.secretKey,
  );
  if (res.status === 429) return { retryAfterMs: Number(res.headers.get('retry-after') ?? 1) * 1000 };
  if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every event of a project, read back through the explorer API as a user of Bindery would. */
export async function storedEvents(t: TestApp, project: CreatedProject): Promise<StoredEvent[]> {
  for (;;) {
    const answer = await readEvents(t, project);
    if ('events' in answer) return answer.events;
    await sleep(answer.retryAfterMs);
  }
}

/** Polls the explorer until `count` events are stored (or `timeoutMs` passes), then returns them. */
export async function waitForEvents(
  t: TestApp,
  project: CreatedProject,
  count: number,
  timeoutMs = 15_000,
): Promise<StoredEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await readEvents(t, project);
    if ('events' in answer && (answer.events.length >= count || Date.now() > deadline)) return answer.events;
    await sleep('events' in answer ? 200 : Math.min(answer.retryAfterMs, Math.max(0, deadline - Date.now())));
  }
}

/** How many times each event id appears: each should appear once. */
export function idCounts(events: StoredEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  return counts;
}
