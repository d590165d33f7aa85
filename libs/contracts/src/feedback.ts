import { Type, type Static } from '@sinclair/typebox';

/** Where a request stands: `open` until the team sets one of the others. */
export const FEEDBACK_STATUSES = [
  'open',
  'under_review',
  'planned',
  'in_progress',
  'shipped',
  'declined',
] as const;
export type FeedbackStatusName = (typeof FEEDBACK_STATUSES)[number];

const Uuid = Type.String({ format: 'uuid' });
const UserId = Type.String({ minLength: 1, maxLength: 200 });
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Details = Type.String({ maxLength: 5000 });
const Signature = Type.String({
  maxLength: 200,
  description: 'Hex HMAC-SHA256 of userId with the project’s survey secret, computed by your server',
});

export const FeedbackRequestIdParamsSchema = Type.Object({ projectId: Uuid, requestId: Uuid });
export type FeedbackRequestIdParams = Static<typeof FeedbackRequestIdParamsSchema>;

/** A request as the team's inbox shows it. */
export const FeedbackRequestSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  body: Type.String(),
  status: Type.Union(FEEDBACK_STATUSES.map((s) => Type.Literal(s))),
  publicNote: Type.Union([Type.String(), Type.Null()]),
  authorUserId: Type.String(),
  authorAccountId: Type.Union([Type.String(), Type.Null()]),
  votes: Type.Integer({ description: 'People who voted (each once)' }),
  mrr: Type.Number({
    description: 'Sum of the current `mrr` trait of the distinct accounts of the voters (0 without one)',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type FeedbackRequest = Static<typeof FeedbackRequestSchema>;

export const FeedbackInboxSchema = Type.Object({ requests: Type.Array(FeedbackRequestSchema) });
export type FeedbackInbox = Static<typeof FeedbackInboxSchema>;

export const FeedbackRequestBodySchema = Type.Object(
  {
    title: Title,
    body: Type.Optional(Details),
    userId: Type.String({ ...UserId, description: 'The person asking; their vote is counted' }),
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Their account' })),
  },
  { additionalProperties: false },
);
export type FeedbackRequestBody = Static<typeof FeedbackRequestBodySchema>;

export const FeedbackVoteBodySchema = Type.Object(
  {
    userId: UserId,
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type FeedbackVoteBody = Static<typeof FeedbackVoteBodySchema>;

export const FeedbackPatchSchema = Type.Object(
  {
    status: Type.Optional(Type.Union(FEEDBACK_STATUSES.map((s) => Type.Literal(s)))),
    publicNote: Type.Optional(
      Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], {
        description: 'Shown with the status on the public board; null removes it',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FeedbackPatch = Static<typeof FeedbackPatchSchema>;

export const FeedbackMergeBodySchema = Type.Object(
  { into: Type.String({ format: 'uuid', description: 'The request that keeps the votes' }) },
  { additionalProperties: false },
);
export type FeedbackMergeBody = Static<typeof FeedbackMergeBodySchema>;

export const FeedbackBoardSchema = Type.Object(
  {
    slug: Type.Union(
      [Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$', maxLength: 63 }), Type.Null()],
      { description: 'The public board’s address, /board/<slug>; null: no public board (the default)' },
    ),
  },
  { additionalProperties: false },
);
export type FeedbackBoard = Static<typeof FeedbackBoardSchema>;

/** What the SDK's feedback widget sends: the person, signed as for surveys. */
const SdkPerson = {
  userId: UserId,
  signature: Type.Optional(Signature),
  writeKey: Type.Optional(Type.String({ maxLength: 200 })),
};

export const FeedbackSdkListBodySchema = Type.Object(SdkPerson, { additionalProperties: false });
export type FeedbackSdkListBody = Static<typeof FeedbackSdkListBodySchema>;

export const FeedbackSdkRequestBodySchema = Type.Object(
  { ...SdkPerson, title: Title, body: Type.Optional(Details) },
  { additionalProperties: false },
);
export type FeedbackSdkRequestBody = Static<typeof FeedbackSdkRequestBodySchema>;

export const FeedbackSdkVoteBodySchema = Type.Object(
  { ...SdkPerson, requestId: Uuid },
  { additionalProperties: false },
);
export type FeedbackSdkVoteBody = Static<typeof FeedbackSdkVoteBodySchema>;

/** A request as the widget shows it: nothing about who asked. */
export const FeedbackItemSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: Type.Union(FEEDBACK_STATUSES.map((s) => Type.Literal(s))),
  publicNote: Type.Union([Type.String(), Type.Null()]),
  votes: Type.Integer(),
  voted: Type.Boolean({ description: 'Whether this person voted for it' }),
});
export type FeedbackItem = Static<typeof FeedbackItemSchema>;

export const FeedbackItemListSchema = Type.Object({ requests: Type.Array(FeedbackItemSchema) });
export type FeedbackItemList = Static<typeof FeedbackItemListSchema>;
