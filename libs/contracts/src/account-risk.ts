import { Type, type Static } from '@sinclair/typebox';

/** What a driver of an account's health is about. */
export const RISK_DRIVER_KINDS = [
  'key_users_gone_quiet',
  'features_dropped',
  'usage_decline',
  'funnel_stall',
  'open_signals',
  'seats_lost',
  'sentiment',
] as const;
export type RiskDriverKind = (typeof RISK_DRIVER_KINDS)[number];

export const AccountRiskQuerySchema = Type.Object({
  days: Type.Integer({
    minimum: 1,
    maximum: 90,
    default: 14,
    description: 'Compare the score now with the score this many days ago',
  }),
});
export type AccountRiskQuery = Static<typeof AccountRiskQuerySchema>;

const Evidence = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null(), Type.Array(Type.String())]),
  {
    description:
      'Counts and dates behind the driver (e.g. userId, email, lastActiveDay, actionsBefore; feature, ' +
      'weeklyThen, weeklyNow; signalId, rule, openedAt, or for several signals of a rule signals, signalIds, ' +
      'userIds; npsAverageNow, csatAverageNow), days as YYYY-MM-DD, times as ISO 8601',
  },
);

export const RiskDriverSchema = Type.Object({
  kind: Type.Union(
    RISK_DRIVER_KINDS.map((k) => Type.Literal(k)),
    {
      description:
        'key_users_gone_quiet: people who stopped (or started) acting; seats_lost: people with no action in ' +
        '90 days; features_dropped: key features no longer (or newly) used; usage_decline: a feature’s ' +
        'weekly use against before; funnel_stall and open_signals: signals opened or resolved; sentiment: ' +
        'the people’s latest survey answers',
    },
  ),
  label: Type.String({ description: 'In plain words, naming the people and features involved' }),
  points: Type.Integer({ description: 'What the driver cost (negative) or gave the score' }),
  evidence: Evidence,
});
export type RiskDriver = Static<typeof RiskDriverSchema>;

export const AccountRiskSchema = Type.Object({
  accountId: Type.String(),
  scoreNow: Type.Integer({ description: 'Health today (0–100)' }),
  scoreThen: Type.Integer({ description: 'Health `days` days ago' }),
  days: Type.Integer(),
  change: Type.Integer({ description: 'scoreNow − scoreThen; the drivers’ points add up to it' }),
  drivers: Type.Array(RiskDriverSchema, { description: 'Most costly first (points ascending)' }),
});
export type AccountRisk = Static<typeof AccountRiskSchema>;
