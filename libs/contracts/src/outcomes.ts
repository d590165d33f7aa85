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
});
export type MessageAnalytics = Static<typeof MessageAnalyticsSchema>;
