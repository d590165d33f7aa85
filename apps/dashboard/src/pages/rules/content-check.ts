import type { Rule, SavedFunnel } from '@bindery/contracts';

/** Rule types whose signals name a feature (their `feature` parameter): its training content is the email's. */
const FEATURE_TYPES: readonly Rule['type'][] = ['never_adopted', 'feature_abandonment'];

/**
 * What a rule's training emails would lack, as the notifier looks content up: for a feature rule, content
 * keyed by the feature; for a funnel stall, for each step a stalled person is pointed to (2 to the last),
 * content keyed `funnel:<id>:step:<k>` or by that step's event. Each item names what to add; an empty list:
 * nothing is missing; null: the rule sends no training email.
 */
export function missingContent(
  rule: Rule,
  contentKeys: ReadonlySet<string>,
  funnels: SavedFunnel[],
): string[] | null {
  if (!rule.actions.some((a) => a.kind === 'email')) return null;
  if (FEATURE_TYPES.includes(rule.type)) {
    const feature = String(rule.params.feature ?? '');
    return contentKeys.has(feature) ? [] : [`content for the feature “${feature}”`];
  }
  if (rule.type === 'funnel_stall') {
    const funnel = funnels.find((f) => f.id === rule.params.funnelId);
    if (!funnel) return ['its funnel, which was deleted'];
    return funnel.steps.flatMap((s, i) =>
      i === 0 || contentKeys.has(`funnel:${funnel.id}:step:${i + 1}`) || contentKeys.has(s.event)
        ? []
        : [`content for step ${i + 1} (“${s.event}”) of “${funnel.name}”`],
    );
  }
  return ['a feature: this kind of rule names none, so its training emails are always skipped'];
}
