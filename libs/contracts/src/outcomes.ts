import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { RuleGoalSchema } from './rules';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IsoTime = (description: string) => Type.String({ format: 'date-time', description });

export const RuleEffectQuerySchema = Type.Object({
  from: Type.Optional(IsoTime('Signals raised from this time, inclusive (default: to − 30 days)')),
  to: Type.Optional(IsoTime('Signals raised before this time (default: now); at most 400 days after from')),
  version: Type.Optional(
    Type.Integer({ minimum: 1, description: 'The rule version reported (default: the current one)' }),
  ),
});
export type RuleEffectQuery = Static<typeof RuleEffectQuerySchema>;

export const EffectArmSchema = Type.Object({
  subjects: Type.Integer({ description: 'Subjects whose goal window has ended' }),
  reached: Type.Integer({ description: 'Of those, the ones that reached the goal within goalDays' }),
  rate: Nullable(Type.Number({ description: 'reached / subjects; null without subjects' })),
  pending: Type.Integer({
    description: 'Subjects whose goal window has not ended yet: not counted above, neither as failures',
  }),
  pendingReached: Type.Integer({
    description: 'Of the pending subjects, those that reached the goal so far',
  }),
});
export type EffectArm = Static<typeof EffectArmSchema>;

export const RuleEffectSchema = Type.Object({
  ruleId: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  holdoutPct: Type.Integer(),
  goal: RuleGoalSchema,
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  treated: EffectArmSchema,
  heldOut: EffectArmSchema,
  lift: Nullable(
    Type.Number({ description: 'treated rate − held-out rate; null while an arm has no subjects' }),
  ),
  interval: Nullable(
    Type.Object(
      { low: Type.Number(), high: Type.Number() },
      { description: '95 % confidence interval of the lift (Newcombe’s hybrid score method)' },
    ),
  ),
  method: Type.Literal('newcombe-hybrid-score'),
  complete: Type.Boolean({ description: 'Whether every subject’s goal window has ended' }),
  versions: Type.Array(Type.Integer(), { description: 'The rule’s versions, newest first' }),
});
export type RuleEffect = Static<typeof RuleEffectSchema>;

/** The periods of an effect over time, in UTC: weeks starting on Monday, or calendar months. */
export const EFFECT_INTERVALS = ['week', 'month'] as const;
export type EffectInterval = (typeof EFFECT_INTERVALS)[number];

export const RuleEffectSeriesQuerySchema = Type.Object({
  from: Type.Optional(IsoTime('Signals raised from this time, inclusive (default: to − 90 days)')),
  to: Type.Optional(IsoTime('Signals raised before this time (default: now); at most 400 days after from')),
  version: Type.Optional(
    Type.Integer({ minimum: 1, description: 'The rule version reported (default: the current one)' }),
  ),
  interval: Type.Optional(
    Type.Union(
      EFFECT_INTERVALS.map((i) => Type.Literal(i)),
      { default: 'week', description: 'Periods, in UTC: weeks start on Monday, months on the 1st' },
    ),
  ),
});
export type RuleEffectSeriesQuery = Static<typeof RuleEffectSeriesQuerySchema>;

export const EffectPeriodSchema = Type.Object({
  from: Type.String({ format: 'date-time', description: 'Signals raised from this time, inclusive' }),
  to: Type.String({ format: 'date-time', description: 'Signals raised before this time' }),
  treated: EffectArmSchema,
  heldOut: EffectArmSchema,
  lift: RuleEffectSchema.properties.lift,
  interval: RuleEffectSchema.properties.interval,
  complete: Type.Boolean({
    description:
      'Whether the goal window of every subject of the period has ended (false: figures may change)',
  }),
});
export type EffectPeriod = Static<typeof EffectPeriodSchema>;

export const RuleEffectSeriesSchema = Type.Object({
  ruleId: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  holdoutPct: Type.Integer(),
  goal: RuleGoalSchema,
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  interval: Type.Union(EFFECT_INTERVALS.map((i) => Type.Literal(i))),
  method: Type.Literal('newcombe-hybrid-score'),
  periods: Type.Array(EffectPeriodSchema, {
    description: 'Oldest first; each is what the effect report answers for its own from and to',
  }),
  versions: Type.Array(Type.Integer(), { description: 'The rule’s versions, newest first' }),
});
export type RuleEffectSeries = Static<typeof RuleEffectSeriesSchema>;

export const MessageAnalyticsQuerySchema = Type.Object({
  from: Type.Optional(IsoTime('Emails written from this time, inclusive (default: to − 30 days)')),
  to: Type.Optional(IsoTime('Emails written before this time (default: now); at most 400 days after from')),
});
export type MessageAnalyticsQuery = Static<typeof MessageAnalyticsQuerySchema>;

const MessageStats = {
  written: Type.Integer({ description: 'Training emails written to the outbox (sent or not)' }),
  sent: Type.Integer({ description: 'Accepted by the mail server (or written as a file)' }),
  failed: Type.Integer({ description: 'Given up on after the retries' }),
  bounced: Type.Integer({
    description: 'Of the failed, those refused for good: the address is now suppressed',
  }),
  suppressed: Type.Integer({ description: 'Not sent: the address had unsubscribed or bounced before' }),
  unsubscribed: Type.Integer({ description: 'Sent, and the address unsubscribed afterwards' }),
  clicked: Type.Integer({ description: 'Sent, and a tracked link in it was followed (once per email)' }),
  opened: Type.Integer({
    description:
      'Sent, and its tracking image was loaded (once per email). Unreliable: only emails written while the ' +
      'project’s openTracking was on carry the image; clients that block images never count, image proxies ' +
      'count emails nobody read',
  }),
  converted: Type.Integer({
    description:
      'Sent, and the signal’s subject reached the rule’s goal within goalDays of the send (so far)',
  }),
};
export const MessageStatsSchema = Type.Object(MessageStats);
export type MessageStats = Static<typeof MessageStatsSchema>;

export const MessageAnalyticsSchema = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  templates: Type.Array(Type.Object({ template: Type.String(), ...MessageStats })),
  rules: Type.Array(
    Type.Object({ ruleId: Type.String({ format: 'uuid' }), name: Type.String(), ...MessageStats }),
  ),
  opens: Type.Object(
    {
      tracked: Type.Boolean({ description: 'Whether the project’s openTracking is on now' }),
      reliable: Type.Literal(false, { description: 'Opens are never a reliable measure' }),
      caveat: Type.String(),
    },
    { description: 'How far to trust `opened`' },
  ),
});
export type MessageAnalytics = Static<typeof MessageAnalyticsSchema>;
