import { type RuleType } from '@bindery/contracts';
import { detractor } from './detractor.kind';
import { featureAbandonment } from './feature-abandonment.kind';
import { funnelStall } from './funnel-stall.kind';
import { healthDrop } from './health-drop.kind';
import { inactivity } from './inactivity.kind';
import { neverAdopted } from './never-adopted.kind';
import { type RuleKind } from './rule-kind';
import { usageDecline } from './usage-decline.kind';

/** Every rule type's kind: the compiler refuses a rule type without one. */
export const RULE_KINDS: { [T in RuleType]: RuleKind<T> } = {
  inactivity,
  usage_decline: usageDecline,
  funnel_stall: funnelStall,
  feature_abandonment: featureAbandonment,
  never_adopted: neverAdopted,
  health_drop: healthDrop,
  detractor,
};

export { type KindContext, type Resolution, type RuleKind } from './rule-kind';
