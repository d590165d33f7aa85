import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

export const TASK_STATUSES = ['open', 'in_progress', 'snoozed', 'done', 'dismissed'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

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
  createdAt: Time,
  updatedAt: Time,
});
export type Task = Static<typeof TaskSchema>;

export const TaskListQuerySchema = Type.Object({
  assignee: Type.Optional(
    Type.String({ minLength: 1, maxLength: 320, description: 'A CSM email, or unassigned' }),
  ),
  status: Type.Optional(Type.String({ description: 'Comma-separated statuses (default: open,in_progress)' })),
  priority: Type.Optional(Type.String({ description: 'Comma-separated priorities' })),
  accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
export type TaskListQuery = Static<typeof TaskListQuerySchema>;
export const TaskListSchema = Type.Object({
  tasks: Type.Array(TaskSchema),
  nextCursor: Nullable(Type.String()),
});
export type TaskList = Static<typeof TaskListSchema>;

export const TaskPatchSchema = Type.Object(
  {
    status: Type.Optional(Type.Union(TASK_STATUSES.map((s) => Type.Literal(s)))),
    assignee: Type.Optional(Nullable(Type.String({ format: 'email' }))),
    snoozedUntil: Type.Optional(Time),
  },
  { additionalProperties: false },
);
export type TaskPatch = Static<typeof TaskPatchSchema>;

export const TaskDetailSchema = Type.Composite([
  TaskSchema,
  Type.Object({
    timeline: Type.Array(
      Type.Object({ at: Time, actor: Type.String(), change: Type.Record(Type.String(), Type.Unknown()) }),
    ),
  }),
]);
export type TaskDetail = Static<typeof TaskDetailSchema>;

export const TaskIdParamsSchema = Type.Object({ projectId: Uuid, taskId: Uuid });
export type TaskIdParams = Static<typeof TaskIdParamsSchema>;

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
  kind: Type.Union([Type.Literal('training'), Type.Literal('csm_alert'), Type.Literal('csm_digest')]),
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
