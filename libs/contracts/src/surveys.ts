import { Type, type Static } from '@sinclair/typebox';

export const SURVEY_KINDS = ['nps', 'csat', 'open'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** The scores each kind accepts, inclusive; an open question has none. */
export const SURVEY_SCALES: Record<SurveyKind, { min: number; max: number } | null> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  open: null,
};

/** The events the SDK's survey module sends through ingest, checked there against the person's showings. */
export const SURVEY_EVENTS = {
  shown: 'survey shown',
  answered: 'survey answered',
  dismissed: 'survey dismissed',
} as const;

/** Longest comment or open answer kept, in characters. */
export const MAX_SURVEY_TEXT = 5000;
export const DEFAULT_SURVEY_INTERVAL_DAYS = 90;

const TraitValue = Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean()]);

export const SurveyTargetingSchema = Type.Object(
  {
    accountTraits: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 200 }), TraitValue, {
        maxProperties: 20,
        description: 'Only people whose account has each of these traits with exactly this value',
      }),
    ),
    minDaysSinceLastSurvey: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3650,
        default: DEFAULT_SURVEY_INTERVAL_DAYS,
        description: 'Only people shown no survey of the project in this many days (default 90)',
      }),
    ),
    samplePct: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100,
        default: 100,
        description: 'The share of eligible people asked, by a stable hash of survey and person',
      }),
    ),
    featureUsed: Type.Optional(
      Type.Object(
        {
          feature: Type.String({ minLength: 1, maxLength: 200 }),
          minUses: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
        },
        {
          additionalProperties: false,
          description: 'Only people who used this feature at least minUses times',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SurveyTargeting = Static<typeof SurveyTargetingSchema>;

export const SurveyBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union(
      SURVEY_KINDS.map((k) => Type.Literal(k)),
      { description: 'nps: 0–10 and a comment; csat: 1–5 and a comment; open: a written answer' },
    ),
    question: Type.String({ minLength: 1, maxLength: 500 }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    targeting: Type.Optional(SurveyTargetingSchema),
  },
  { additionalProperties: false },
);
export type SurveyBody = Static<typeof SurveyBodySchema>;

export const SurveyPatchSchema = Type.Partial(SurveyBodySchema, { additionalProperties: false });
export type SurveyPatch = Static<typeof SurveyPatchSchema>;

export const SurveySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  kind: Type.Union(SURVEY_KINDS.map((k) => Type.Literal(k))),
  question: Type.String(),
  enabled: Type.Boolean(),
  targeting: Type.Object({
    accountTraits: Type.Record(Type.String(), TraitValue),
    minDaysSinceLastSurvey: Type.Integer(),
    samplePct: Type.Number(),
    featureUsed: Type.Union([Type.Object({ feature: Type.String(), minUses: Type.Integer() }), Type.Null()]),
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Survey = Static<typeof SurveySchema>;
export type ResolvedSurveyTargeting = Survey['targeting'];

export const SurveyListSchema = Type.Object({ surveys: Type.Array(SurveySchema) });
export type SurveyList = Static<typeof SurveyListSchema>;

export const SurveyIdParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  surveyId: Type.String({ format: 'uuid' }),
});
export type SurveyIdParams = Static<typeof SurveyIdParamsSchema>;

export const SurveySecretSchema = Type.Object({
  secret: Type.String({
    description:
      'The HMAC-SHA256 key your server signs user ids with (hex digest of the user id); shown once per rotation',
  }),
});
export type SurveySecret = Static<typeof SurveySecretSchema>;

export const SurveyFetchBodySchema = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 200 }),
    signature: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Hex HMAC-SHA256 of userId with the project’s survey secret, computed by your server',
      }),
    ),
    writeKey: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type SurveyFetchBody = Static<typeof SurveyFetchBodySchema>;

/** A survey as the SDK shows it: nothing about its targeting. */
export const SurveyPromptSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union(SURVEY_KINDS.map((k) => Type.Literal(k))),
  question: Type.String(),
});
export type SurveyPrompt = Static<typeof SurveyPromptSchema>;

export const SurveyFetchResultSchema = Type.Object({ surveys: Type.Array(SurveyPromptSchema) });
export type SurveyFetchResult = Static<typeof SurveyFetchResultSchema>;

export const RESULT_INTERVALS = ['day', 'week', 'month'] as const;
export type ResultInterval = (typeof RESULT_INTERVALS)[number];

/** Scores that make a promoter or a detractor, by kind: NPS 9–10 and 0–6; CSAT 4–5 and 1–2. */
export const SEGMENT_BOUNDS: Record<'nps' | 'csat', { promoterMin: number; detractorMax: number }> = {
  nps: { promoterMin: 9, detractorMax: 6 },
  csat: { promoterMin: 4, detractorMax: 2 },
};

export const SurveyResultsQuerySchema = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'Start, inclusive (ISO 8601)' }),
    to: Type.String({
      format: 'date-time',
      description: 'End, exclusive (ISO 8601); at most 400 days after from',
    }),
    interval: Type.Optional(
      Type.Union(
        RESULT_INTERVALS.map((i) => Type.Literal(i)),
        { default: 'week', description: 'Periods of overTime, in UTC; weeks start on Monday' },
      ),
    ),
    commentsLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export type SurveyResultsQuery = Static<typeof SurveyResultsQuerySchema>;

const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()]);
const Breakdown = {
  responses: Type.Integer(),
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
  score: Nullable(
    Type.Number({
      description: 'NPS: % promoters − % detractors; CSAT: % promoters (4–5); null without scores',
    }),
  ),
  average: Nullable(Type.Number({ description: 'Mean score; null without scores' })),
};
export const SurveyBreakdownSchema = Type.Object(Breakdown);
export type SurveyBreakdown = Static<typeof SurveyBreakdownSchema>;

export const SurveyResultsSchema = Type.Object({
  surveyId: Type.String({ format: 'uuid' }),
  kind: Type.Union(SURVEY_KINDS.map((k) => Type.Literal(k))),
  summary: SurveyBreakdownSchema,
  overTime: Type.Array(
    Type.Object({ period: Type.String({ description: 'First day, YYYY-MM-DD' }), ...Breakdown }),
  ),
  byPlan: Type.Array(Type.Object({ plan: Type.Union([Type.String(), Type.Null()]), ...Breakdown })),
  byAbc: Type.Array(
    Type.Object({
      abc: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Null()]),
      ...Breakdown,
    }),
  ),
  comments: Type.Array(
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      userId: Type.String(),
      accountId: Type.Union([Type.String(), Type.Null()]),
      score: Type.Union([Type.Integer(), Type.Null()]),
      comment: Type.String(),
    }),
  ),
});
export type SurveyResults = Static<typeof SurveyResultsSchema>;
