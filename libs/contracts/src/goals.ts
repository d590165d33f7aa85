import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Time = Type.String({ format: 'date-time' });

/** What a retention goal measures (docs/analytics.md, Retention goals, states each exactly). */
export const GOAL_METRICS = [
  'logo_retention',
  'active_share',
  'feature_adoption',
  'average_health',
  'repeat_use',
  'customer_age',
  'nps',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export const GOAL_CADENCES = ['weekly', 'monthly'] as const;
export type GoalCadence = (typeof GOAL_CADENCES)[number];

export const GOAL_DIRECTIONS = ['at_least', 'at_most'] as const;
export type GoalDirection = (typeof GOAL_DIRECTIONS)[number];

/**
 * A metric's parameters; which ones a metric takes (and their bounds) is checked by the service, so that a
 * bad one is named: `days` (logo_retention, active_share), `feature` (feature_adoption), `periods`
 * (repeat_use), `surveyId` (nps).
 */
export const GoalParamsSchema = Type.Object(
  {
    days: Type.Optional(Type.Integer({ description: 'logo_retention (required), active_share: 1–365' })),
    feature: Type.Optional(Type.String({ description: 'feature_adoption: the feature key (required)' })),
    periods: Type.Optional(Type.Integer({ description: 'repeat_use: 2–52 periods counted (default 12)' })),
    surveyId: Type.Optional(Type.String({ description: 'nps: an NPS survey of the project (required)' })),
  },
  { additionalProperties: false },
);
export type GoalParams = Static<typeof GoalParamsSchema>;

const GoalFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  metric: Type.Union(
    GOAL_METRICS.map((m) => Type.Literal(m)),
    { description: GOAL_METRICS.join(', ') },
  ),
  params: GoalParamsSchema,
  target: Type.Number({ description: 'The value to reach (percentages 0–100; days; periods; NPS −100–100)' }),
  direction: Type.Union(
    GOAL_DIRECTIONS.map((d) => Type.Literal(d)),
    { description: 'at_least: on track when value ≥ target; at_most: when value ≤ target' },
  ),
  cadence: Type.Union(
    GOAL_CADENCES.map((c) => Type.Literal(c)),
    { description: 'weekly (Monday to Sunday, UTC) or monthly (UTC calendar months)' },
  ),
};

export const GoalInputSchema = Type.Object(
  {
    ...GoalFields,
    params: Type.Optional(GoalParamsSchema),
    direction: Type.Optional(GoalFields.direction),
  },
  { additionalProperties: false },
);
export type GoalInput = Static<typeof GoalInputSchema>;

export const GoalPatchSchema = Type.Partial(Type.Object(GoalFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type GoalPatch = Static<typeof GoalPatchSchema>;

export const GoalSnapshotSchema = Type.Object({
  periodStart: Time,
  periodEnd: Time,
  value: Nullable(Type.Number({ description: 'Null when the metric has nothing to count in the period' })),
  target: Type.Number({ description: 'The target when the snapshot was taken' }),
  onTrack: Type.Boolean({ description: 'Whether the value met the target (false without a value)' }),
  computedAt: Time,
});
export type GoalSnapshot = Static<typeof GoalSnapshotSchema>;

export const GoalSchema = Type.Object({
  id: Uuid,
  ...GoalFields,
  createdBy: Type.String(),
  createdAt: Time,
  updatedAt: Time,
  latest: Nullable(GoalSnapshotSchema),
  previous: Nullable(GoalSnapshotSchema),
});
export type Goal = Static<typeof GoalSchema>;

export const GoalListSchema = Type.Object({ goals: Type.Array(GoalSchema) });
export type GoalList = Static<typeof GoalListSchema>;

export const GoalSnapshotListSchema = Type.Object({
  snapshots: Type.Array(GoalSnapshotSchema, { description: 'Oldest first, at most the last 104' }),
});
export type GoalSnapshotList = Static<typeof GoalSnapshotListSchema>;

export const GoalIdParamsSchema = Type.Object({ projectId: Uuid, goalId: Uuid });
export type GoalIdParams = Static<typeof GoalIdParamsSchema>;
