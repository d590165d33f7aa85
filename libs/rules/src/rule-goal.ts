import { GOAL_EVENTS, type RuleGoal, type RuleType } from '@bindery/contracts';

/** Days a goal has by default: a nudge that works shows within two weeks. */
export const DEFAULT_GOAL_DAYS = 14;

/** The goal events each rule type knows beyond an event name. */
const DEFAULT_GOAL_EVENT: Record<RuleType, string> = {
  feature_abandonment: GOAL_EVENTS.feature,
  never_adopted: GOAL_EVENTS.feature,
  funnel_stall: GOAL_EVENTS.nextStep,
  inactivity: GOAL_EVENTS.any,
  usage_decline: GOAL_EVENTS.any,
  health_drop: GOAL_EVENTS.any,
  detractor: GOAL_EVENTS.any,
};

/**
 * What a subject of this rule type should do after a signal, unless the rule names a goal: use the feature
 * again (feature rules), take the next step (funnel stall), or act at all (inactivity, usage decline, health).
 */
export const defaultGoal = (type: RuleType): RuleGoal => ({
  event: DEFAULT_GOAL_EVENT[type],
  goalDays: DEFAULT_GOAL_DAYS,
});

/** The rule's goal: its own, or its type's default. */
export const goalOf = (type: RuleType, goal: RuleGoal | null | undefined): RuleGoal =>
  goal ?? defaultGoal(type);

/** Why a goal does not fit a rule of this type, in words naming the field; undefined when it fits. */
export function goalProblem(type: RuleType, goal: RuleGoal): string | undefined {
  if (goal.event === GOAL_EVENTS.feature && type !== 'feature_abandonment' && type !== 'never_adopted') {
    return `goal.event: ${GOAL_EVENTS.feature} needs a rule with a feature (feature_abandonment, never_adopted)`;
  }
  if (goal.event === GOAL_EVENTS.nextStep && type !== 'funnel_stall') {
    return `goal.event: ${GOAL_EVENTS.nextStep} needs a funnel_stall rule`;
  }
  if (goal.where && goal.event === GOAL_EVENTS.nextStep) {
    return `goal.where: the next step has the funnel's own filters; ${GOAL_EVENTS.nextStep} takes none`;
  }
  return undefined;
}
