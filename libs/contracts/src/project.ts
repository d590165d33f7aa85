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

/** Accounts scoring below this are at risk unless the project sets its own line (`atRiskBelow`). */
export const DEFAULT_AT_RISK_BELOW = 50;

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
    atRiskBelow: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description:
          `Accounts whose health scores below this are at risk (default ${DEFAULT_AT_RISK_BELOW}): the line the dashboard draws and ` +
          'the one health_drop rules without a threshold of their own use',
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
      Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()], {
        description:
          'CSM for accounts without an accepted csm_email trait (a plain address); null: the shared queue',
      }),
    ),
    csms: Type.Optional(
      Type.Array(
        Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254, description: 'A plain address' }),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            alerts: Type.Optional(
              Type.Union([Type.Literal('immediate'), Type.Literal('digest')], {
                description:
                  'How the CSM hears of a new P1 task: an email at once (immediate, the default), or listed ' +
                  'under P1 in the daily digest (digest)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 1000,
          description:
            'The project’s CSMs: an account’s csm_email trait assigns its tasks and alerts only to one of ' +
            'these or to an address in csmDomains (traits come with the public write key)',
        },
      ),
    ),
    csmDomains: Type.Optional(
      Type.Array(Type.String({ minLength: 3, maxLength: 253 }), {
        maxItems: 50,
        description:
          'Domains (exactly, e.g. vendor.example) whose addresses a csm_email trait may name besides csms',
      }),
    ),
    webhook: Type.Optional(
      Type.Union([
        Type.Object(
          {
            url: Type.String({
              pattern: '^https?://',
              maxLength: 2000,
              description:
                'Public http(s) URL; loopback, private, link-local and metadata addresses are refused unless ' +
                'OUTBOUND_ALLOW_HOSTS names them; redirects are not followed',
            }),
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
