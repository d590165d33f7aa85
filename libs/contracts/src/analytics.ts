import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** The semantics of every report, stated once in docs/analytics.md and repeated in the OpenAPI descriptions. */
export const MAX_RANGE_DAYS = 400;

const IsoTime = (description: string) => Type.String({ format: 'date-time', description });
const Range = {
  from: IsoTime('Start of the range, inclusive (ISO 8601)'),
  to: IsoTime(`End of the range, exclusive (ISO 8601); at most ${MAX_RANGE_DAYS} days after from`),
};
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AGGREGATIONS = ['user', 'account'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
const AggregateBy = Type.Union(
  AGGREGATIONS.map((a) => Type.Literal(a)),
  { default: 'user', description: 'Count people (userId, else anonymousId) or accounts (groupId)' },
);

export const PROPERTY_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'is_set',
  'is_not_set',
] as const;
export type PropertyOp = (typeof PROPERTY_OPS)[number];
// One schema with three types, not anyOf: Fastify's ajv coerces types, and in an anyOf it would turn the
// number 3 into the string "3" on the first branch.
const Scalar = Type.Unsafe<string | number | boolean>({
  type: ['string', 'number', 'boolean'],
  maxLength: 1000,
});
export type PropertyValue = Static<typeof Scalar>;

export const PropertyConditionSchema = Type.Object(
  { op: Type.Union(PROPERTY_OPS.map((o) => Type.Literal(o))), value: Type.Optional(Scalar) },
  { additionalProperties: false },
);
export type PropertyCondition = Static<typeof PropertyConditionSchema>;

export const PropertyFilterSchema = Type.Record(
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.Union([Scalar, PropertyConditionSchema]),
  {
    maxProperties: 20,
    description:
      'Top-level event properties that must all hold: a bare value means eq. Strings, numbers and booleans ' +
      'compare with properties of the same type; gt/gte/lt/lte need numbers, contains a string.',
  },
);
export type PropertyFilter = Static<typeof PropertyFilterSchema>;

export const FunnelStepSchema = Type.Object(
  { event: Name, where: Type.Optional(PropertyFilterSchema) },
  { additionalProperties: false },
);
export type FunnelStep = Static<typeof FunnelStepSchema>;

export const FUNNEL_ORDERS = ['ordered', 'strict', 'unordered'] as const;
export type FunnelOrder = (typeof FUNNEL_ORDERS)[number];

/** What a funnel is, without a range: the part a saved funnel keeps. */
const FunnelDefinitionProps = {
  steps: Type.Array(FunnelStepSchema, { minItems: 2, maxItems: 20 }),
  windowSeconds: Type.Integer({
    minimum: 1,
    maximum: 90 * 86_400,
    description: 'Steps 2..k must follow step 1 within this many seconds',
  }),
  order: Type.Union(
    FUNNEL_ORDERS.map((o) => Type.Literal(o)),
    { default: 'ordered' },
  ),
  aggregateBy: AggregateBy,
};

export const BreakdownSchema = Type.Object(
  {
    property: Type.String({ minLength: 1, maxLength: 200 }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
export type Breakdown = Static<typeof BreakdownSchema>;

export const FUNNEL_TREND_INTERVALS = ['day', 'week'] as const;
export type FunnelTrendInterval = (typeof FUNNEL_TREND_INTERVALS)[number];
const Trend = Type.Optional(
  Type.Union(
    FUNNEL_TREND_INTERVALS.map((i) => Type.Literal(i)),
    {
      description:
        'Add `trend`: conversion over time, by the day (or Monday week) of the project’s time zone in which ' +
        'each subject did step 1 of its best path',
    },
  ),
);

export const FunnelQuerySchema = Type.Object(
  { ...FunnelDefinitionProps, ...Range, breakdown: Type.Optional(BreakdownSchema), trend: Trend },
  { additionalProperties: false },
);
export type FunnelQuery = Static<typeof FunnelQuerySchema>;

export const FunnelStepResultSchema = Type.Object({
  event: Type.String(),
  count: Type.Integer({ description: 'Subjects that reached this step' }),
  conversionFromPrevious: Type.Number(),
  conversionFromFirst: Type.Number(),
  dropOff: Type.Integer({ description: 'Subjects that reached this step and no further' }),
  medianSecondsToConvert: Nullable(Type.Number()),
  avgSecondsToConvert: Nullable(Type.Number()),
});
export type FunnelStepResult = Static<typeof FunnelStepResultSchema>;

export const FunnelTrendPointSchema = Type.Object({
  start: Type.String({ format: 'date', description: 'First day of the period, in the project’s time zone' }),
  entered: Type.Integer({ description: 'Subjects whose best path’s step 1 is in this period' }),
  converted: Type.Integer({ description: 'Those of them that reached the last step' }),
  conversion: Type.Number({ description: 'converted / entered; 0 when nobody entered' }),
  complete: Type.Boolean({
    description:
      'Whether the conversion window of every subject the period can hold had ended when the report ran: ' +
      'false while some can still convert (`converted` may grow)',
  }),
});
export type FunnelTrendPoint = Static<typeof FunnelTrendPointSchema>;

export const FunnelResultSchema = Type.Object({
  steps: Type.Array(FunnelStepResultSchema),
  trend: Type.Optional(Type.Array(FunnelTrendPointSchema)),
  breakdowns: Type.Optional(
    Type.Array(Type.Object({ value: Nullable(Type.String()), steps: Type.Array(FunnelStepResultSchema) })),
  ),
});
export type FunnelResult = Static<typeof FunnelResultSchema>;

export const SavedFunnelBodySchema = Type.Object(
  { name: Name, description: Type.Optional(Type.String({ maxLength: 2000 })), ...FunnelDefinitionProps },
  { additionalProperties: false },
);
export type SavedFunnelBody = Static<typeof SavedFunnelBodySchema>;

export const SavedFunnelSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Type.String(),
  ...FunnelDefinitionProps,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SavedFunnel = Static<typeof SavedFunnelSchema>;

export const SavedFunnelListSchema = Type.Object({ funnels: Type.Array(SavedFunnelSchema) });
export type SavedFunnelList = Static<typeof SavedFunnelListSchema>;

export const FunnelIdParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  funnelId: Type.String({ format: 'uuid' }),
});
export type FunnelIdParams = Static<typeof FunnelIdParamsSchema>;

export const SavedFunnelQuerySchema = Type.Object(
  { ...Range, breakdown: Type.Optional(BreakdownSchema), trend: Trend },
  { additionalProperties: false },
);
export type SavedFunnelQuery = Static<typeof SavedFunnelQuerySchema>;

export const DropoffQuerySchema = Type.Object({
  query: Type.Optional(
    Type.String({ maxLength: 20_000, description: 'The funnel query as JSON (the body of /funnels/query)' }),
  ),
  funnelId: Type.Optional(Type.String({ format: 'uuid', description: 'A saved funnel, with from and to' })),
  from: Type.Optional(Range.from),
  to: Type.Optional(Range.to),
  step: Type.Integer({
    minimum: 1,
    maximum: 20,
    description: 'List the subjects whose furthest step is this',
  }),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
});
export type DropoffQuery = Static<typeof DropoffQuerySchema>;

export const DropoffPageSchema = Type.Object({
  step: Type.Integer(),
  subjects: Type.Array(
    Type.Object({
      id: Type.String(),
      reachedStepAt: Type.String({ format: 'date-time' }),
      lastEvent: Nullable(
        Type.Object({ event: Type.String(), timestamp: Type.String({ format: 'date-time' }) }),
      ),
      accountId: Nullable(
        Type.String({
          description: 'The account of the subject’s latest action that had one (by account: the subject)',
        }),
      ),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
export type DropoffPage = Static<typeof DropoffPageSchema>;

export const RetentionQuerySchema = Type.Object(
  {
    startEvent: Name,
    returnEvent: Name,
    period: Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'week' }),
    periods: Type.Integer({ minimum: 1, maximum: 100, default: 12 }),
    ...Range,
    aggregateBy: AggregateBy,
  },
  { additionalProperties: false },
);
export type RetentionQuery = Static<typeof RetentionQuerySchema>;

export const RetentionResultSchema = Type.Object({
  period: Type.Union([Type.Literal('day'), Type.Literal('week')]),
  cohorts: Type.Array(
    Type.Object({
      start: Type.String({ format: 'date', description: 'First day of the cohort period' }),
      size: Type.Integer(),
      returned: Type.Array(Nullable(Type.Integer()), {
        description: 'returned[i-1]: cohort subjects active with returnEvent i periods later; null past `to`',
      }),
      ended: Type.Integer({
        minimum: 0,
        description:
          'How many of `returned`, from the first, count periods that ended by `to`; returned[ended], when ' +
          'not null, is the period still in progress at `to` (its count can grow)',
      }),
    }),
  ),
  curve: Type.Array(
    Type.Object({
      period: Type.Integer({ description: 'Periods after the cohort’s own, 0 to periods' }),
      subjects: Type.Integer({
        description:
          'Subjects of the cohorts that period has ended for by `to` (in progress: left out); period 0: all',
      }),
      returned: Type.Integer({ description: 'Those that came back in it; period 0: all of them' }),
      rate: Nullable(Type.Number({ description: 'returned / subjects; null when subjects is 0' })),
    }),
    { description: 'The retention curve over every cohort, period 0 (the cohort itself, 100 %) first' },
  ),
});
export type RetentionResult = Static<typeof RetentionResultSchema>;

export const ActivityQuerySchema = Type.Object(
  { ...Range, accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) },
  { additionalProperties: false },
);
export type ActivityQuery = Static<typeof ActivityQuerySchema>;

export const ActivityResultSchema = Type.Object({
  series: Type.Array(
    Type.Object({
      day: Type.String({ format: 'date' }),
      dau: Type.Integer(),
      wau: Type.Integer(),
      mau: Type.Integer(),
      stickiness: Type.Number({ description: 'dau / mau' }),
      events: Type.Integer({ description: 'Actions (track, page, screen events) that day' }),
    }),
  ),
});
export type ActivityResult = Static<typeof ActivityResultSchema>;

export const FeatureQuerySchema = Type.Object(
  {
    ...Range,
    aggregateBy: AggregateBy,
    abandonDays: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
    weekly: Type.Boolean({
      default: false,
      description:
        'Add each feature’s `weekly` series: its subjects in each 7-day span, ending with the last day',
    }),
  },
  { additionalProperties: false },
);
export type FeatureQuery = Static<typeof FeatureQuerySchema>;

export const FeatureResultSchema = Type.Object({
  activeSubjects: Type.Integer(),
  features: Type.Array(
    Type.Object({
      feature: Type.String({
        description: 'The feature as events carry it (its key in the `features` setting)',
      }),
      name: Type.String({ description: 'Its display name from the `features` setting, else the key' }),
      subjects: Type.Integer(),
      shareOfActive: Type.Number(),
      firstUsedAt: Type.String({
        format: 'date-time',
        description: 'Its first use ever by anyone, up to the end of the range (not only within it)',
      }),
      repeatRate: Type.Number(),
      abandoned: Type.Integer(),
      weekly: Type.Optional(
        Type.Array(Type.Integer(), {
          description:
            'With `weekly`: subjects who used the feature in each 7-day span of the range, oldest first; the ' +
            'last span ends with the range’s last day, the first may be shorter',
        }),
      ),
    }),
  ),
});
export type FeatureResult = Static<typeof FeatureResultSchema>;

/** The columns the accounts list sorts by on the server (docs/analytics.md, Accounts). */
export const ACCOUNT_SORT_KEYS = [
  'name',
  'health',
  'abc',
  'mrr',
  'csm',
  'trend',
  'active7',
  'active30',
  'lastSeen',
  'openTasks',
] as const;
export type AccountSortKey = (typeof ACCOUNT_SORT_KEYS)[number];

export const AccountListQuerySchema = Type.Object({
  asOf: Type.Optional(IsoTime('Reports run up to this time’s UTC day; default now')),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
  sort: Type.Optional(
    Type.Union(
      ACCOUNT_SORT_KEYS.flatMap((key) => [Type.Literal(key), Type.Literal(`-${key}`)]),
      {
        description:
          'Sorts on the server by this column, `-` first for descending; empty values last either way, ties by ' +
          'id. With sort or a filter the list is ranked: `matched` and `total` are given, and the cursor pages ' +
          'through the ranked list',
      },
    ),
  ),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Part of the name, id or CSM email, any case' }),
  ),
  abc: Type.Optional(
    Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('none')], {
      description: 'Only accounts of this ABC class; `none`: without one',
    }),
  ),
  csm: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 320,
      description: 'Only accounts whose `csm_email` trait is this; `none`: without one',
    }),
  ),
  risk: Type.Optional(
    Type.Boolean({ description: 'Only accounts at risk: scored below the project’s atRiskBelow' }),
  ),
});
export type AccountListQuery = Static<typeof AccountListQuerySchema>;

export const AccountDetailQuerySchema = Type.Object({
  asOf: Type.Optional(IsoTime('Reports run up to this time’s UTC day; default now')),
});
export type AccountDetailQuery = Static<typeof AccountDetailQuerySchema>;

export const AccountIdParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  accountId: Type.String({ minLength: 1, maxLength: 255 }),
});
export type AccountIdParams = Static<typeof AccountIdParamsSchema>;

export const AccountSummarySchema = Type.Object({
  id: Type.String(),
  traits: Type.Record(Type.String(), Type.Unknown()),
  users: Type.Integer(),
  activeUsers7d: Type.Integer(),
  activeUsers30d: Type.Integer(),
  lastSeenAt: Nullable(Type.String({ format: 'date-time' })),
  weeklyEvents: Type.Array(Type.Integer(), { minItems: 8, maxItems: 8 }),
  health: Nullable(
    Type.Object(
      {
        day: Type.String({ format: 'date' }),
        score: Type.Integer({ minimum: 0, maximum: 100 }),
        abc: Nullable(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')])),
        components: Type.Record(Type.String(), Type.Number()),
      },
      {
        description:
          'The rules worker’s latest health score (recency, active share, breadth, trend, signals, sentiment) and ABC ' +
          'class by MRR; null until it has scored the account',
      },
    ),
  ),
});
export type AccountSummary = Static<typeof AccountSummarySchema>;

/** An account in a list: its summary and its open tasks. */
export const AccountListItemSchema = Type.Composite([
  AccountSummarySchema,
  Type.Object({ openTasks: Type.Integer({ description: 'Its open and in-progress tasks' }) }),
]);
export type AccountListItem = Static<typeof AccountListItemSchema>;

export const AccountListSchema = Type.Object({
  accounts: Type.Array(AccountListItemSchema),
  nextCursor: Nullable(Type.String()),
  matched: Type.Optional(
    Type.Integer({ description: 'In a ranked list (sort or a filter given): the accounts the filters keep' }),
  ),
  total: Type.Optional(Type.Integer({ description: 'In a ranked list: every known account' })),
});
export type AccountList = Static<typeof AccountListSchema>;

export const AccountDetailSchema = Type.Composite([
  AccountSummarySchema,
  Type.Object({
    daily: Type.Array(
      Type.Object({
        day: Type.String({ format: 'date' }),
        events: Type.Integer(),
        activeUsers: Type.Integer(),
      }),
    ),
    features: Type.Array(
      Type.Object({
        feature: Type.String(),
        uses: Type.Integer(),
        users: Type.Integer(),
        lastUsedAt: Type.String({ format: 'date-time' }),
      }),
    ),
    members: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.Union([Type.String(), Type.Null()], { description: 'The person’s `name` trait' }),
        email: Type.Union([Type.String(), Type.Null()], { description: 'The person’s `email` trait' }),
        lastSeenAt: Type.String({ format: 'date-time' }),
        events30d: Type.Integer(),
      }),
    ),
  }),
]);
export type AccountDetail = Static<typeof AccountDetailSchema>;

export const AccountHealthQuerySchema = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 400, default: 30, description: 'Days of history, up to today' }),
});
export type AccountHealthQuery = Static<typeof AccountHealthQuerySchema>;

export const AccountHealthHistorySchema = Type.Object({
  history: Type.Array(
    Type.Object({
      day: Type.String({ format: 'date' }),
      score: Type.Integer(),
      abc: Nullable(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')])),
      components: Type.Record(Type.String(), Type.Number()),
    }),
  ),
});
export type AccountHealthHistory = Static<typeof AccountHealthHistorySchema>;
