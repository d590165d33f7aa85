import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { type FunnelQuery } from './analytics';
import { PRIORITIES } from './outreach';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const IsoTime = (description: string) => Type.String({ format: 'date-time', description });
const MemberId = Type.String({ minLength: 1, maxLength: 255 });

/** A static cohort keeps at most this many members; a dynamic one is read up to this many. */
export const MAX_COHORT_MEMBERS = 10_000;
/** Tasks or emails are made for at most this many members of a cohort at once. */
export const MAX_COHORT_ACTION = 2_000;
/** A dry run previews this many of the tasks it would make. */
export const COHORT_PREVIEW_TASKS = 10;

export const COHORT_KINDS = ['people', 'accounts'] as const;
export type CohortKind = (typeof COHORT_KINDS)[number];
export const COHORT_TYPES = ['static', 'dynamic'] as const;
export type CohortType = (typeof COHORT_TYPES)[number];

const Kind = Type.Union(COHORT_KINDS.map((k) => Type.Literal(k)));
const CohortTypeSchema = Type.Union(
  COHORT_TYPES.map((t) => Type.Literal(t)),
  {
    description:
      'static: the members the source finds now, kept; dynamic: the source is run again on every read',
  },
);

const FunnelDropoffSource = Type.Object(
  {
    type: Type.Literal('funnel_dropoff'),
    query: Type.Optional(
      Type.String({
        maxLength: 20_000,
        description: 'The funnel query as JSON (the body of /funnels/query)',
      }),
    ),
    funnelId: Type.Optional(Type.String({ format: 'uuid', description: 'A saved funnel, with from and to' })),
    from: Type.Optional(IsoTime('With funnelId: start of the range, inclusive')),
    to: Type.Optional(IsoTime('With funnelId: end of the range, exclusive')),
    step: Type.Integer({ minimum: 1, maximum: 20, description: 'The subjects whose furthest step is this' }),
  },
  { additionalProperties: false },
);

const FeatureAbandonersSource = Type.Object(
  {
    type: Type.Literal('feature_abandoners'),
    feature: Type.String({ minLength: 1, maxLength: 200, description: 'The feature as events carry it' }),
    from: IsoTime('Start of the range, inclusive'),
    to: IsoTime('End of the range, exclusive'),
    abandonDays: Type.Integer({ minimum: 1, maximum: 365 }),
    aggregateBy: Type.Union([Type.Literal('user'), Type.Literal('account')]),
  },
  { additionalProperties: false },
);

const ListSource = Type.Object(
  {
    type: Type.Literal('list'),
    kind: Kind,
    ids: Type.Array(MemberId, {
      minItems: 1,
      maxItems: MAX_COHORT_MEMBERS,
      description: 'The people or accounts themselves, e.g. the accounts a filter shows (static only)',
    }),
  },
  { additionalProperties: false },
);

export const CohortSourceSchema = Type.Union([FunnelDropoffSource, FeatureAbandonersSource, ListSource]);
export type CohortSource = Static<typeof CohortSourceSchema>;

export const CohortCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    type: CohortTypeSchema,
    source: CohortSourceSchema,
  },
  { additionalProperties: false },
);
export type CohortCreate = Static<typeof CohortCreateSchema>;

/** Where a cohort's members come from, as kept: a saved funnel is copied in, so the cohort outlives edits. */
export const CohortDefinitionSchema = Type.Union([
  Type.Object({
    type: Type.Literal('funnel_dropoff'),
    funnel: Type.Unsafe<FunnelQuery>(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'The funnel query: steps, windowSeconds, order, aggregateBy, from and to',
      }),
    ),
    funnelId: Nullable(Uuid),
    step: Type.Integer(),
  }),
  Type.Object({
    type: Type.Literal('feature_abandoners'),
    feature: Type.String(),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    abandonDays: Type.Integer(),
    aggregateBy: Type.Union([Type.Literal('user'), Type.Literal('account')]),
  }),
  Type.Object({ type: Type.Literal('list') }),
]);
export type CohortDefinition = Static<typeof CohortDefinitionSchema>;

export const CohortSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Kind,
  type: CohortTypeSchema,
  definition: CohortDefinitionSchema,
  size: Nullable(
    Type.Integer({ description: 'A static cohort’s members; null for a dynamic one (counted on read)' }),
  ),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Cohort = Static<typeof CohortSchema>;

export const CohortListSchema = Type.Object({ cohorts: Type.Array(CohortSchema) });
export type CohortList = Static<typeof CohortListSchema>;

export const CohortIdParamsSchema = Type.Object({ projectId: Uuid, cohortId: Uuid });
export type CohortIdParams = Static<typeof CohortIdParamsSchema>;

export const CohortMembersQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
});
export type CohortMembersQuery = Static<typeof CohortMembersQuerySchema>;

export const CohortDetailSchema = Type.Composite([
  CohortSchema,
  Type.Object({
    total: Type.Integer({ description: 'Members now' }),
    members: Type.Array(Type.String(), { description: 'A page of member ids, in id order' }),
    nextCursor: Nullable(Type.String()),
  }),
]);
export type CohortDetail = Static<typeof CohortDetailSchema>;

export const CohortTasksBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.Optional(Type.String({ maxLength: 5000 })),
    priority: Type.Optional(Type.Union(PRIORITIES.map((p) => Type.Literal(p)))),
    confirm: Type.Boolean({
      default: false,
      description: 'false (the default): a dry run that makes nothing; true: make the tasks',
    }),
  },
  { additionalProperties: false },
);
export type CohortTasksBody = Static<typeof CohortTasksBodySchema>;

export const CohortTasksResultSchema = Type.Object({
  confirmed: Type.Boolean(),
  accounts: Type.Integer({ description: 'The accounts the cohort reaches: one task each' }),
  withoutAccount: Type.Integer({ description: 'People of the cohort with no account: no task' }),
  created: Type.Integer({ description: 'Tasks made now (dry run: that would be made)' }),
  alreadyCreated: Type.Integer({ description: 'Accounts that have their task from this cohort already' }),
  preview: Type.Array(
    Type.Object({
      accountId: Type.String(),
      accountName: Nullable(Type.String()),
      assignee: Nullable(Type.String({ description: 'The account’s CSM, else the default assignee' })),
      title: Type.String(),
    }),
    { maxItems: COHORT_PREVIEW_TASKS },
  ),
});
export type CohortTasksResult = Static<typeof CohortTasksResultSchema>;

export const CohortEmailsBodySchema = Type.Object(
  {
    template: Type.String({ minLength: 1, maxLength: 200, description: 'The email template’s name' }),
    content: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'The key of the training content to send (a feature, or funnel:<id>:step:<n>)',
    }),
    confirm: Type.Boolean({
      default: false,
      description: 'false (the default): a dry run that writes nothing; true: queue the emails',
    }),
  },
  { additionalProperties: false },
);
export type CohortEmailsBody = Static<typeof CohortEmailsBodySchema>;

export const CohortEmailsResultSchema = Type.Object({
  confirmed: Type.Boolean(),
  people: Type.Integer({ description: 'The people of the cohort' }),
  queued: Type.Integer({ description: 'Emails queued now (dry run: that would be)' }),
  withoutAddress: Type.Integer({ description: 'People with no plain email trait: no email' }),
  suppressed: Type.Integer({ description: 'Unsubscribed, bounced or deleted addresses: not sent' }),
  overCap: Type.Integer({ description: 'Addresses that had a training email within the frequency cap' }),
  alreadyQueued: Type.Integer({ description: 'People this cohort sent this content to already' }),
  preview: Nullable(
    Type.Object({
      recipient: Type.String(),
      subject: Type.String(),
      html: Type.String(),
      text: Type.String(),
    }),
  ),
});
export type CohortEmailsResult = Static<typeof CohortEmailsResultSchema>;

/** A member as actions read it: a person with the account of their latest action, or an account. */
export interface CohortMember {
  id: string;
  accountId: string | null;
}

/**
 * A cohort's members now (a dynamic cohort's source run again), up to `max`. Provided by the reports
 * (analytics) and used by outreach, which may not import them: the apps compose both.
 */
export abstract class CohortMembership {
  abstract resolve(
    projectId: string,
    cohortId: string,
    max: number,
  ): Promise<{ cohort: Cohort; members: CohortMember[] }>;
}
