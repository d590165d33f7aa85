import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { PropertyFilterSchema } from './analytics';

const Days = (description: string, max = 365) => Type.Integer({ minimum: 1, maximum: max, description });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const InactivityParamsSchema = Type.Object(
  {
    days: Days('Days without any (key) event that make a subject inactive'),
    lookbackDays: Days('The subject must have been active in this many days before going quiet'),
    keyEvents: Type.Optional(
      Type.Array(Name, { minItems: 1, maxItems: 50, description: 'Only these count' }),
    ),
  },
  { additionalProperties: false },
);
export const UsageDeclineParamsSchema = Type.Object(
  {
    metric: Type.Union([Type.Literal('events'), Type.Literal('active_users')], { default: 'events' }),
    recentDays: Days('The recent span compared with the baseline', 90),
    baselineDays: Days('The span before it whose average is the baseline', 365),
    thresholdPct: Type.Integer({
      minimum: 1,
      maximum: 99,
      description: 'Fires below this % of the baseline',
    }),
    minBaseline: Type.Number({
      minimum: 0,
      description: 'No signal when the baseline (per recent span) is lower',
    }),
  },
  { additionalProperties: false },
);
export const FunnelStallParamsSchema = Type.Object(
  {
    funnelId: Type.String({ format: 'uuid', description: 'A saved funnel' }),
    stallHours: Type.Integer({
      minimum: 1,
      maximum: 24 * 90,
      description: 'Hours at step k without step k+1',
    }),
    lookbackDays: Days('Funnel starts considered: the last this many days', 90),
  },
  { additionalProperties: false },
);
export const FeatureAbandonmentParamsSchema = Type.Object(
  {
    feature: Name,
    minUses: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      description: 'Uses within lookbackDays that count as adoption',
    }),
    idleDays: Days('Days since the last use'),
    lookbackDays: Days('Span in which uses are counted'),
  },
  { additionalProperties: false },
);
export const NeverAdoptedParamsSchema = Type.Object(
  {
    feature: Name,
    days: Days('Days after the subject’s first event within which the feature should be used'),
  },
  { additionalProperties: false },
);
export const HealthDropParamsSchema = Type.Object(
  {
    threshold: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description: 'Fires when the score is below (default: the project’s atRiskBelow setting)',
      }),
    ),
    delta: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Fires on a fall of this many points' }),
    ),
    days: Days('Span of the fall', 90),
  },
  { additionalProperties: false },
);
export const DetractorParamsSchema = Type.Object(
  {
    npsAtMost: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10,
        default: 6,
        description: 'An NPS score at or below this (default 6)',
      }),
    ),
    csatAtMost: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 5,
        default: 2,
        description: 'A CSAT score at or below this (default 2)',
      }),
    ),
    surveyId: Type.Optional(Type.String({ format: 'uuid', description: 'Only this survey’s answers' })),
    lookbackDays: Days('Answers of this many days count', 365),
  },
  { additionalProperties: false },
);

export const RuleActionSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('task'),
      severity: Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('email'), template: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('notify_csm') }, { additionalProperties: false }),
]);
export type RuleAction = Static<typeof RuleActionSchema>;

const RULE_PARAMS = {
  inactivity: InactivityParamsSchema,
  usage_decline: UsageDeclineParamsSchema,
  funnel_stall: FunnelStallParamsSchema,
  feature_abandonment: FeatureAbandonmentParamsSchema,
  never_adopted: NeverAdoptedParamsSchema,
  health_drop: HealthDropParamsSchema,
  detractor: DetractorParamsSchema,
} as const;
export type RuleType = keyof typeof RULE_PARAMS;
/** The parameters of a rule of type `T`. */
export type RuleParams<T extends RuleType> = Static<(typeof RULE_PARAMS)[T]>;
export const RULE_TYPES = Object.keys(RULE_PARAMS) as RuleType[];
export type RuleScope = 'user' | 'account';

/** Each rule type's parameters; the service checks a rule's `params` against its type's schema. */
export const RULE_PARAMS_SCHEMAS: Record<RuleType, TSchema> = RULE_PARAMS;

export type InactivityParams = Static<typeof InactivityParamsSchema>;
export type UsageDeclineParams = Static<typeof UsageDeclineParamsSchema>;
export type FunnelStallParams = Static<typeof FunnelStallParamsSchema>;
export type FeatureAbandonmentParams = Static<typeof FeatureAbandonmentParamsSchema>;
export type NeverAdoptedParams = Static<typeof NeverAdoptedParamsSchema>;
export type HealthDropParams = Static<typeof HealthDropParamsSchema>;
export type DetractorParams = Static<typeof DetractorParamsSchema>;
export type RuleDefinition =
  | { type: 'inactivity'; params: InactivityParams }
  | { type: 'usage_decline'; params: UsageDeclineParams }
  | { type: 'funnel_stall'; params: FunnelStallParams }
  | { type: 'feature_abandonment'; params: FeatureAbandonmentParams }
  | { type: 'never_adopted'; params: NeverAdoptedParams }
  | { type: 'health_drop'; params: HealthDropParams }
  | { type: 'detractor'; params: DetractorParams };

/** Goal events that stand for something other than one event name. */
export const GOAL_EVENTS = {
  any: '$any',
  feature: '$feature',
  nextStep: '$next_step',
} as const;

export const RuleGoalSchema = Type.Object(
  {
    event: Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'The event the subject should perform: an event name, `$any` (any action), `$feature` (a use of the ' +
        'rule’s feature; feature rules) or `$next_step` (the funnel step after the stall; funnel_stall)',
    }),
    where: Type.Optional(PropertyFilterSchema),
    goalDays: Days('Days after the signal within which the goal counts as reached', 90),
  },
  { additionalProperties: false },
);
export type RuleGoal = Static<typeof RuleGoalSchema>;

const HoldoutPct = Type.Integer({
  minimum: 0,
  maximum: 50,
  description: 'Share of subjects (by a stable hash of rule and subject) that get a signal and no action',
});

const RuleCommon = {
  name: Name,
  scope: Type.Union([Type.Literal('user'), Type.Literal('account')], {
    description: 'Whom a signal is about (usage_decline, health_drop and detractor are about accounts)',
  }),
  cooldownHours: Type.Integer({
    minimum: 0,
    maximum: 24 * 365,
    description: 'A subject re-fires only after this',
  }),
  enabled: Type.Boolean(),
  actions: Type.Array(RuleActionSchema, { maxItems: 10 }),
  holdoutPct: Type.Optional(HoldoutPct),
  goal: Type.Optional(RuleGoalSchema),
};

const PARAMS_DOC =
  'Parameters of the rule type. inactivity: { days, lookbackDays, keyEvents? }; usage_decline: { metric ' +
  '(events | active_users), recentDays, baselineDays, thresholdPct, minBaseline }; funnel_stall: { funnelId, ' +
  'stallHours, lookbackDays }; feature_abandonment: { feature, minUses, idleDays, lookbackDays }; ' +
  'never_adopted: { feature, days }; health_drop: { threshold?, delta?, days }; detractor: { npsAtMost?, ' +
  'csatAtMost?, surveyId?, lookbackDays }.';

export const RuleBodySchema = Type.Object(
  {
    ...RuleCommon,
    type: Type.Union(RULE_TYPES.map((t) => Type.Literal(t))),
    params: Type.Record(Type.String(), Type.Unknown(), { description: PARAMS_DOC }),
  },
  { additionalProperties: false },
);
export type RuleBody = Static<typeof RuleBodySchema>;
/** A rule body whose params were checked against its type. */
export type CheckedRuleBody = Omit<RuleBody, 'type' | 'params'> & RuleDefinition;

export const RulePatchSchema = Type.Object(
  {
    name: Type.Optional(RuleCommon.name),
    cooldownHours: Type.Optional(RuleCommon.cooldownHours),
    enabled: Type.Optional(RuleCommon.enabled),
    actions: Type.Optional(RuleCommon.actions),
    holdoutPct: Type.Optional(HoldoutPct),
    goal: Type.Optional(RuleGoalSchema),
    params: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'Replaces the parameters' }),
    ),
  },
  { additionalProperties: false },
);
export type RulePatch = Static<typeof RulePatchSchema>;

export const RuleSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  type: Type.Union(RULE_TYPES.map((t) => Type.Literal(t))),
  scope: Type.Union([Type.Literal('user'), Type.Literal('account')]),
  params: Type.Record(Type.String(), Type.Unknown()),
  actions: Type.Array(RuleActionSchema),
  cooldownHours: Type.Integer(),
  enabled: Type.Boolean(),
  holdoutPct: HoldoutPct,
  goal: RuleGoalSchema,
  version: Type.Integer({ description: 'Bumped on each change; a changed rule is evaluated afresh' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Rule = Static<typeof RuleSchema>;
export const RuleListSchema = Type.Object({ rules: Type.Array(RuleSchema) });
export type RuleList = Static<typeof RuleListSchema>;

export const RuleIdParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  ruleId: Type.String({ format: 'uuid' }),
});
export type RuleIdParams = Static<typeof RuleIdParamsSchema>;
export const RunIdParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  runId: Type.String({ format: 'uuid' }),
});
export type RunIdParams = Static<typeof RunIdParamsSchema>;

export const RuleRunQuerySchema = Type.Object({
  asOf: Type.Optional(
    Type.String({
      format: 'date-time',
      description:
        'Evaluate as if it were this past time (at most 400 days ago): signals and health are dated then. The ' +
        'rules read the events stored now, so this replays a history loaded in time order (as the demo does: ' +
        'events up to asOf, then a run); events after asOf would count as seen before it. Default: now',
    }),
  ),
});
export type RuleRunQuery = Static<typeof RuleRunQuerySchema>;

export const RuleRunSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Union(['queued', 'running', 'done', 'failed'].map((s) => Type.Literal(s))),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual')]),
  counts: Type.Record(Type.String(), Type.Integer(), {
    description: 'Signals emitted per rule id, and totals',
  }),
  error: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type RuleRun = Static<typeof RuleRunSchema>;

export const SignalSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  ruleId: Type.String({ format: 'uuid' }),
  ruleType: Type.String(),
  userId: Nullable(Type.String()),
  accountId: Nullable(Type.String()),
  periodKey: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  resolvedAt: Nullable(
    Type.String({ format: 'date-time', description: 'When its condition cleared; null: open' }),
  ),
  resolution: Nullable(Type.String({ description: 'Why it cleared, in words' })),
  heldOut: Type.Boolean({ description: 'In the rule’s hold-out arm: recorded, no action taken' }),
});
export type Signal = Static<typeof SignalSchema>;
/** What a rule found about a signal's subject, by name, as the evaluator stored it. */
export type SignalDetails = Signal['details'];

export const SignalListQuerySchema = Type.Object({
  ruleId: Type.Optional(Type.String({ format: 'uuid' })),
  accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
export type SignalListQuery = Static<typeof SignalListQuerySchema>;
export const SignalListSchema = Type.Object({
  signals: Type.Array(SignalSchema),
  nextCursor: Nullable(Type.String()),
});
export type SignalList = Static<typeof SignalListSchema>;

/** The `signals` queue's job for new signals of one project: the notifier loads them by id. */
export interface SignalsJob {
  projectId: string;
  signalIds: string[];
}

/** The job for one signal, which versions before {@link SignalsJob} queued (its id is the job id). */
export interface SignalJob {
  projectId: string;
  signalId: string;
}
