import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import { getJson, type TestApp } from '@bindery/testing';

/** Every event of a project, read back through the explorer API as a user of Bindery would. */
export async function storedEvents(t: TestApp, project: CreatedProject): Promise<StoredEvent[]> {
  const res = await getJson<{ events: StoredEvent[] }>(
    `${t.url}/v1/projects/${project.id}/events?limit=1000`,
    project.secretKey,
  );
  if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.events;
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
    const events = await storedEvents(t, project);
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many times each event id appears: each should appear once. */
export function idCounts(events: StoredEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  return counts;
}
