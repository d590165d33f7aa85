import { Type, type Static } from '@sinclair/typebox';

export const CreateProjectBodySchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBodySchema>;

export const CreatedProjectSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  writeKey: Type.String({ description: 'Public key that SDKs send events with' }),
  secretKey: Type.String({ description: 'Key for the query API; shown once, stored hashed' }),
});
export type CreatedProject = Static<typeof CreatedProjectSchema>;

export const KeyOwnerSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'The project’s name' }),
});
export type KeyOwner = Static<typeof KeyOwnerSchema>;

export const ProjectIdParamsSchema = Type.Object({ projectId: Type.String({ format: 'uuid' }) });
export type ProjectIdParams = Static<typeof ProjectIdParamsSchema>;

export const KEY_KINDS = ['write', 'secret'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

export const RotateKeyBodySchema = Type.Object(
  {
    kind: Type.Union(
      KEY_KINDS.map((k) => Type.Literal(k)),
      { default: 'write' },
    ),
  },
  { additionalProperties: false },
);
export type RotateKeyBody = Static<typeof RotateKeyBodySchema>;

export const RotatedKeySchema = Type.Object({
  kind: Type.Union(KEY_KINDS.map((k) => Type.Literal(k))),
  key: Type.String({ description: 'The new key; the previous key of this kind is revoked' }),
});
export type RotatedKey = Static<typeof RotatedKeySchema>;

const Weight = Type.Integer({ minimum: 0, maximum: 100 });

/** What a project sets: how account health is weighed and which features are key to it. */
export const ProjectSettingsSchema = Type.Object(
  {
    healthWeights: Type.Object(
      { recency: Weight, activeShare: Weight, breadth: Weight, trend: Weight, signals: Weight },
      {
        additionalProperties: false,
        description: 'Relative weights of the health components (default 30, 25, 20, 15, 10)',
      },
    ),
    keyFeatures: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      maxItems: 50,
      description: 'Features whose use makes breadth; empty: the project’s 10 most used of the last 30 days',
    }),
    emailFrequencyHours: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 24 * 90,
        description: 'At most one training email per recipient in this many hours (default 72)',
      }),
    ),
    digestHourUtc: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 23,
        description: 'Hour (UTC) of the daily CSM digest (default 8)',
      }),
    ),
    defaultAssignee: Type.Optional(
      Type.Union([Type.String({ format: 'email' }), Type.Null()], {
        description: 'CSM for accounts without a csm_email trait; null: the shared queue',
      }),
    ),
    webhook: Type.Optional(
      Type.Union([
        Type.Object(
          {
            url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
            secret: Type.String({
              minLength: 16,
              maxLength: 200,
              description: 'HMAC-SHA256 key of the signature',
            }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);
export type ProjectSettings = Static<typeof ProjectSettingsSchema>;
/** Settings with every default filled in. */
export type ResolvedProjectSettings = Required<ProjectSettings>;
