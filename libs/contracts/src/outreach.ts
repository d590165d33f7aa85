import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

export const TASK_STATUSES = ['open', 'in_progress', 'snoozed', 'done', 'dismissed'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** How a task ended: a person's outcome, or `condition_cleared` when the rule's signals all resolved. */
export const TASK_OUTCOMES = [
  'resolved',
  'no_response',
  'churn_risk_confirmed',
  'other',
  'condition_cleared',
] as const;

/** The outcomes a person closes a task with (`condition_cleared` is the rules' own). */
export const PERSON_OUTCOMES = ['resolved', 'no_response', 'churn_risk_confirmed', 'other'] as const;
/** The orders of the task list: priority then due date (the default), due, created, MRR, health. */
export const TASK_SORTS = ['priority', 'due', 'created', 'mrr', 'health'] as const;
/** How a CSM hears of a new P1 task: an email at once, or in the daily digest. */
export const CSM_ALERTS = ['immediate', 'digest'] as const;

const ActorDoc =
  'The author of a change or note is the signed-in person (their email; with a personal token, and its name). ' +
  'A server calling with the project secret key names the author in X-Bindery-Actor (a plain email address); ' +
  'without it the author is "api".';
export const ACTOR_HEADER = { name: 'x-bindery-actor', description: ActorDoc } as const;

export const TaskSchema = Type.Object({
  id: Uuid,
  accountId: Nullable(Type.String()),
  ruleId: Nullable(Uuid),
  title: Type.String(),
  body: Type.String(),
  priority: Type.Union(PRIORITIES.map((p) => Type.Literal(p))),
  status: Type.Union(TASK_STATUSES.map((s) => Type.Literal(s))),
  assignee: Nullable(Type.String({ description: 'The CSM’s email; null: the shared queue' })),
  snoozedUntil: Nullable(Time),
  dueAt: Time,
  signalIds: Type.Array(Uuid),
  outcome: Nullable(Type.Union(TASK_OUTCOMES.map((o) => Type.Literal(o)))),
  outcomeNote: Nullable(Type.String({ description: 'The outcome in words (for condition_cleared: why)' })),
  createdAt: Time,
  updatedAt: Time,
});
export type Task = Static<typeof TaskSchema>;

/** What a task card shows of its account, read when the list is asked for. */
export const TaskAccountSchema = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String({ description: 'The account’s name trait' })),
  mrr: Nullable(Type.Number({ description: 'The account’s mrr trait' })),
  abc: Nullable(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')])),
  health: Nullable(
    Type.Object({
      score: Type.Integer({ description: 'The newest daily health score (0–100)' }),
      day: Type.String({ description: 'Its day (YYYY-MM-DD)' }),
      before: Nullable(
        Type.Object(
          { score: Type.Integer(), day: Type.String() },
          { description: 'The newest score at least 7 days older: the trend is before.score → score' },
        ),
      ),
    }),
  ),
});
export type TaskAccount = Static<typeof TaskAccountSchema>;
export const TaskListItemSchema = Type.Composite([
  TaskSchema,
  Type.Object({ account: Nullable(TaskAccountSchema) }),
]);
export type TaskListItem = Static<typeof TaskListItemSchema>;

export const TaskListQuerySchema = Type.Object({
  assignee: Type.Optional(
    Type.String({ minLength: 1, maxLength: 320, description: 'A CSM email, or unassigned' }),
  ),
  status: Type.Optional(Type.String({ description: 'Comma-separated statuses (default: open,in_progress)' })),
  priority: Type.Optional(Type.String({ description: 'Comma-separated priorities' })),
  accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Text the title, the account id or the account’s name trait holds (any case)',
    }),
  ),
  sort: Type.Union(
    TASK_SORTS.map((s) => Type.Literal(s)),
    {
      default: 'priority',
      description:
        'priority: P1 first, then soonest due; due: soonest due first; created: newest first; mrr: largest ' +
        'MRR first (none last); health: lowest health score first (unscored last). Ties by id; every order ' +
        'pages by keyset, with the MRR and health of the moment each page is read.',
    },
  ),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
});
export type TaskListQuery = Static<typeof TaskListQuerySchema>;
export const TaskListSchema = Type.Object({
  tasks: Type.Array(TaskListItemSchema),
  nextCursor: Nullable(Type.String()),
});
export type TaskList = Static<typeof TaskListSchema>;

export const TaskPatchSchema = Type.Object(
  {
    status: Type.Optional(Type.Union(TASK_STATUSES.map((s) => Type.Literal(s)))),
    assignee: Type.Optional(Nullable(Type.String({ format: 'email' }))),
    snoozedUntil: Type.Optional(Time),
    outcome: Type.Optional(
      Type.Union(
        PERSON_OUTCOMES.map((o) => Type.Literal(o)),
        { description: 'How the task ended; only with status done or dismissed' },
      ),
    ),
    outcomeNote: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        description: 'The outcome in words; required with outcome other',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TaskPatch = Static<typeof TaskPatchSchema>;

export const TaskCreateSchema = Type.Object(
  {
    accountId: Type.String({ minLength: 1, maxLength: 255, description: 'A known account of the project' }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    body: Type.Optional(Type.String({ maxLength: 5000, default: '' })),
    priority: Type.Optional(Type.Union(PRIORITIES.map((p) => Type.Literal(p)))),
    assignee: Type.Optional(
      Nullable(
        Type.String({ format: 'email', description: 'A CSM’s email; null or left out: the shared queue' }),
      ),
    ),
    dueAt: Type.Optional(Time),
  },
  { additionalProperties: false },
);
export type TaskCreate = Static<typeof TaskCreateSchema>;

export const TaskDetailSchema = Type.Composite([
  TaskListItemSchema,
  Type.Object({
    timeline: Type.Array(
      Type.Object({ at: Time, actor: Type.String(), change: Type.Record(Type.String(), Type.Unknown()) }),
      {
        description:
          'Oldest first: each change (its fields), and each note as { note, noteId } by its author',
      },
    ),
  }),
]);
export type TaskDetail = Static<typeof TaskDetailSchema>;

export const TaskIdParamsSchema = Type.Object({ projectId: Uuid, taskId: Uuid });
export type TaskIdParams = Static<typeof TaskIdParamsSchema>;

export const NoteSchema = Type.Object({
  id: Uuid,
  accountId: Type.String(),
  taskId: Nullable(Uuid),
  taskTitle: Nullable(Type.String({ description: 'The title of the task it is on, if any' })),
  author: Type.String({ description: 'An email, or "api"' }),
  body: Type.String(),
  createdAt: Time,
});
export type Note = Static<typeof NoteSchema>;
export const NoteBodySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export type NoteBody = Static<typeof NoteBodySchema>;
export const NoteListQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
export type NoteListQuery = Static<typeof NoteListQuerySchema>;
export const NoteListSchema = Type.Object({
  notes: Type.Array(NoteSchema, { description: 'Newest first, the notes on the account’s tasks included' }),
  nextCursor: Nullable(Type.String()),
});
export type NoteList = Static<typeof NoteListSchema>;
export const AccountNotesParamsSchema = Type.Object({
  projectId: Uuid,
  accountId: Type.String({ minLength: 1, maxLength: 255 }),
});
export type AccountNotesParams = Static<typeof AccountNotesParamsSchema>;

export const CsmSchema = Type.Object({
  email: Type.String(),
  name: Nullable(Type.String()),
  alerts: Type.Union([...CSM_ALERTS.map((a) => Type.Literal(a)), Type.Literal('never')], {
    description:
      'How the CSM hears of a new P1 task: a member’s own P1 notice (never: not at all), else the settings’ csms',
  }),
  listed: Type.Boolean({ description: 'In the settings’ csms (else only an assignee of a live task)' }),
  member: Type.Boolean({
    description:
      'A member of the project: an account’s csm_email trait with this address (any case) is theirs',
  }),
  liveTasks: Type.Integer({ description: 'Open, in-progress and snoozed tasks assigned to the CSM' }),
});
export type Csm = Static<typeof CsmSchema>;
export const CsmListSchema = Type.Object({ csms: Type.Array(CsmSchema) });
export type CsmList = Static<typeof CsmListSchema>;

/** An email's three parts as a template writes them; a saved template and a preview both take them. */
const TEMPLATE_PARTS = {
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  html: Type.String({ minLength: 1, maxLength: 100_000 }),
  text: Type.String({ minLength: 1, maxLength: 100_000 }),
};

export const EmailTemplateBodySchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), ...TEMPLATE_PARTS },
  { additionalProperties: false },
);
export type EmailTemplateBody = Static<typeof EmailTemplateBodySchema>;
export const EmailTemplateSchema = Type.Composite([
  Type.Object({ id: Uuid }),
  EmailTemplateBodySchema,
  Type.Object({ createdAt: Time, updatedAt: Time }),
]);
export type EmailTemplate = Static<typeof EmailTemplateSchema>;

export const TemplatePreviewBodySchema = Type.Object(
  {
    ...TEMPLATE_PARTS,
    user: Type.Optional(
      Type.Object(
        Object.fromEntries(
          ['id', 'email', 'name', 'first_name', 'last_name'].map((k) => [
            k,
            Type.Optional(Type.String({ maxLength: 320 })),
          ]),
        ),
        {
          additionalProperties: false,
          description: 'The sample user’s traits, over the defaults (Ann Lee, ann@example.com)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TemplatePreviewBody = Static<typeof TemplatePreviewBodySchema>;
export const RenderedEmailSchema = Type.Object({
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
});
export type RenderedEmailView = Static<typeof RenderedEmailSchema>;
/** A draft rendered for a real person with real training content: the preview as that person, and a test send. */
export const TemplateTrialBodySchema = Type.Object(
  {
    ...TEMPLATE_PARTS,
    personId: Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'The person the email is rendered for: their canonical id (the user id)',
    }),
    contentKey: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'The training content it carries: a feature, or funnel:<funnelId>:step:<n>',
    }),
  },
  { additionalProperties: false },
);
export type TemplateTrialBody = Static<typeof TemplateTrialBodySchema>;
export const PersonPreviewSchema = Type.Composite([
  RenderedEmailSchema,
  Type.Object({
    from: Type.String({ description: 'The From header: the project’s sender, else MAIL_FROM' }),
    to: Nullable(Type.String({ description: 'The person’s address; null: they have no plain email trait' })),
    feature: Type.String({ description: 'The feature the content is about' }),
    featureName: Type.String({ description: 'Its display name, as the template’s featureName' }),
  }),
]);
export type PersonPreview = Static<typeof PersonPreviewSchema>;
export const TestSendSchema = Type.Object({
  to: Type.String({ description: 'The signed-in person’s address, where the test went' }),
  subject: Type.String({ description: 'The subject as sent, marked as a test' }),
  messageId: Type.String(),
});
export type TestSend = Static<typeof TestSendSchema>;
export const EmailTemplateListSchema = Type.Object({ templates: Type.Array(EmailTemplateSchema) });
export type EmailTemplateList = Static<typeof EmailTemplateListSchema>;
export const TemplateIdParamsSchema = Type.Object({ projectId: Uuid, templateId: Uuid });
export type TemplateIdParams = Static<typeof TemplateIdParamsSchema>;

export const TrainingContentBodySchema = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 300,
      description:
        'A feature name, or funnel:<funnelId>:step:<n> for the step a stalled user has not reached',
    }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
    summary: Type.String({ maxLength: 5000 }),
  },
  { additionalProperties: false },
);
export type TrainingContentBody = Static<typeof TrainingContentBodySchema>;
export const TrainingContentSchema = Type.Composite([
  Type.Object({ id: Uuid }),
  TrainingContentBodySchema,
  Type.Object({ createdAt: Time, updatedAt: Time }),
]);
export type TrainingContent = Static<typeof TrainingContentSchema>;
export const TrainingContentListSchema = Type.Object({ content: Type.Array(TrainingContentSchema) });
export type TrainingContentList = Static<typeof TrainingContentListSchema>;
export const ContentIdParamsSchema = Type.Object({ projectId: Uuid, contentId: Uuid });
export type ContentIdParams = Static<typeof ContentIdParamsSchema>;

export const OutboxEmailSchema = Type.Object({
  id: Uuid,
  kind: Type.Union([
    Type.Literal('training'),
    Type.Literal('csm_alert'),
    Type.Literal('csm_digest'),
    Type.Literal('feedback_shipped'),
    Type.Literal('goal_report'),
  ]),
  recipient: Type.String(),
  subject: Type.String(),
  status: Type.Union(['pending', 'sending', 'sent', 'failed', 'skipped'].map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  skipReason: Nullable(Type.String()),
  signalId: Nullable(Uuid),
  createdAt: Time,
  sentAt: Nullable(Time),
});
export type OutboxEmail = Static<typeof OutboxEmailSchema>;
export const OutboxListQuerySchema = Type.Object({
  status: Type.Optional(
    Type.Union(['pending', 'sending', 'sent', 'failed', 'skipped'].map((s) => Type.Literal(s))),
  ),
  recipient: Type.Optional(Type.String({ maxLength: 320 })),
  accountId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'Only the emails of signals about this account',
    }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
export type OutboxListQuery = Static<typeof OutboxListQuerySchema>;
export const OutboxListSchema = Type.Object({
  emails: Type.Array(OutboxEmailSchema),
  nextCursor: Nullable(Type.String()),
});
export type OutboxList = Static<typeof OutboxListSchema>;

export const UnsubscribeQuerySchema = Type.Object({ token: Type.String({ minLength: 10, maxLength: 2000 }) });
export type UnsubscribeQuery = Static<typeof UnsubscribeQuerySchema>;
