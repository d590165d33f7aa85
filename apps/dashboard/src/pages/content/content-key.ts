import type { SavedFunnel } from '@bindery/contracts';

/** What a training-content key names: a feature, or the step of a saved funnel that a stalled user has not reached. */
export type ContentKey =
  { kind: 'feature'; feature: string } | { kind: 'funnel'; funnelId: string; step: number };

const FUNNEL_KEY = /^funnel:([^:]+):step:(\d+)$/;

export function parseContentKey(key: string): ContentKey {
  const match = FUNNEL_KEY.exec(key);
  return match
    ? { kind: 'funnel', funnelId: match[1]!, step: Number(match[2]) }
    : { kind: 'feature', feature: key };
}

export function formatContentKey(key: ContentKey): string {
  return key.kind === 'funnel' ? `funnel:${key.funnelId}:step:${key.step}` : key.feature.trim();
}

/** The steps a stalled user can be short of: the 2nd to the last (1-based, as the API numbers them). */
export function stallSteps(funnel: SavedFunnel): { step: number; label: string }[] {
  return funnel.steps.slice(1).map((s, i) => ({ step: i + 2, label: `Step ${i + 2}: ${s.event}` }));
}

/** "Onboarding, step 3: Invite Sent" for a funnel key; the feature's name for a feature key. */
export function describeContentKey(key: string, funnels: SavedFunnel[]): string {
  const parsed = parseContentKey(key);
  if (parsed.kind === 'feature') return parsed.feature;
  const funnel = funnels.find((f) => f.id === parsed.funnelId);
  if (!funnel) return `A deleted funnel, step ${parsed.step}`;
  const event = funnel.steps[parsed.step - 1]?.event;
  return `${funnel.name}, step ${parsed.step}${event ? `: ${event}` : ''}`;
}

const FUNNEL_KEYS = /funnel:[^:\s]+:step:\d+/g;

/** A text (a skip reason) with each funnel step key in it told in words: “Onboarding, step 2: Project Created”. */
export function describeContentKeys(text: string, funnels: SavedFunnel[]): string {
  return text.replace(FUNNEL_KEYS, (key) => `“${describeContentKey(key, funnels)}”`);
}
