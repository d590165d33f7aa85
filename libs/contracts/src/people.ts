import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { StoredEventSchema } from './event';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const Cursor = Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' }));

export const PersonListQuerySchema = Type.Object({
  search: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Part of an id, an email or a name trait (any case)',
    }),
  ),
  accountId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'People with an action in this account' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Cursor,
});
export type PersonListQuery = Static<typeof PersonListQuerySchema>;

export const PersonIdParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  personId: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'The person’s canonical id: their user id, else their anonymous id',
  }),
});
export type PersonIdParams = Static<typeof PersonIdParamsSchema>;

export const PersonSummarySchema = Type.Object({
  id: Type.String({ description: 'The canonical id: the user id if the person has one' }),
  traits: Type.Record(Type.String(), Type.Unknown(), { description: 'Current traits, newest value of each' }),
  firstSeenAt: Nullable(Time),
  lastSeenAt: Nullable(Time),
  accounts: Type.Array(Type.String(), { description: 'Accounts the person had actions in' }),
  eventCount: Type.Integer({ description: 'Their actions (track, page, screen), each event once' }),
});
export type PersonSummary = Static<typeof PersonSummarySchema>;

export const PersonListSchema = Type.Object({
  people: Type.Array(PersonSummarySchema),
  nextCursor: Nullable(Type.String()),
});
export type PersonList = Static<typeof PersonListSchema>;

export const PersonSignalSchema = Type.Object({
  id: Type.String(),
  ruleId: Type.String(),
  ruleName: Type.String(),
  periodKey: Type.String({ description: 'The evaluation period it belongs to' }),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Time,
});

export const PersonTaskSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  accountId: Nullable(Type.String()),
  createdAt: Time,
});

export const PersonEmailSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  recipient: Type.String(),
  subject: Type.String(),
  status: Type.String(),
  createdAt: Time,
});

export const PERSON_DELETION_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type PersonDeletionState = (typeof PERSON_DELETION_STATES)[number];

export const PersonDeletionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  state: Type.Union(PERSON_DELETION_STATES.map((s) => Type.Literal(s))),
  suppress: Type.Boolean({ description: 'Whether later events of the person’s ids are dropped at ingest' }),
  requestedAt: Time,
  finishedAt: Nullable(Time),
  error: Nullable(Type.String()),
  counts: Type.Record(Type.String(), Type.Integer(), {
    description: 'What the deletion removed or redacted, by store and table',
  }),
});
export type PersonDeletion = Static<typeof PersonDeletionSchema>;

export const PersonDetailSchema = Type.Composite([
  PersonSummarySchema,
  Type.Object({
    ids: Type.Array(Type.String(), { description: 'Every id the person’s events carry as their subject' }),
    notMerged: Type.Array(
      Type.Object({
        id: Type.String(),
        userId: Type.String(),
        linkedAt: Time,
        reason: Type.Union([Type.Literal('known_user'), Type.Literal('linked_to_another_user')]),
        mergedInto: Nullable(Type.String()),
      }),
      {
        description:
          'Links touching the person’s ids that did not merge (docs/analytics.md): the id is itself a known ' +
          'user, or was linked to another user first',
      },
    ),
    signals: Type.Array(PersonSignalSchema, { description: 'Open signals about the person' }),
    tasks: Type.Array(PersonTaskSchema, { description: 'Tasks raised by signals about the person' }),
    emails: Type.Array(PersonEmailSchema, {
      description: 'Emails to the person or about them, newest first',
    }),
  }),
]);
export type PersonDetail = Static<typeof PersonDetailSchema>;

export const PersonEventsQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  cursor: Cursor,
});
export type PersonEventsQuery = Static<typeof PersonEventsQuerySchema>;

export const PersonExportSchema = Type.Object({
  person: Type.Object({ id: Type.String(), ids: Type.Array(Type.String()) }),
  exportedAt: Time,
  traits: Type.Array(Type.Object({ key: Type.String(), value: Type.Unknown(), updatedAt: Time }), {
    description: 'Every stored trait value, each with the time it was set',
  }),
  events: Type.Array(StoredEventSchema, { description: 'Every event of the person, oldest first' }),
  signals: Type.Array(PersonSignalSchema),
  tasks: Type.Array(PersonTaskSchema),
  emails: Type.Array(PersonEmailSchema),
});
export type PersonExport = Static<typeof PersonExportSchema>;

export const PersonDeleteQuerySchema = Type.Object({
  suppress: Type.Boolean({
    default: false,
    description: 'Also drop the person’s later events at ingest and send no email to their address',
  }),
});
export type PersonDeleteQuery = Static<typeof PersonDeleteQuerySchema>;

export const DeletionIdParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  deletionId: Type.String({ format: 'uuid' }),
});
export type DeletionIdParams = Static<typeof DeletionIdParamsSchema>;
