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

/** Scores this close above the at-risk line are worth watching (the overview's count, the amber badge). */
export const WATCH_BAND = 20;

const Weight = Type.Integer({ minimum: 0, maximum: 100 });

/** What a project sets: how account health is weighed and which features are key to it. */
/** The longest event retention a project may set: ten years. */
export const MAX_EVENT_RETENTION_DAYS = 3650;

export const ProjectSettingsSchema = Type.Object(
  {
    healthWeights: Type.Object(
      {
        recency: Weight,
        activeShare: Weight,
        breadth: Weight,
        trend: Weight,
        signals: Weight,
        sentiment: Type.Optional(
          Type.Integer({
            minimum: 0,
            maximum: 100,
            description:
              'Weight of the accounts’ survey answers (default 0: surveys change no score until weighted)',
          }),
        ),
      },
      {
        additionalProperties: false,
        description: 'Relative weights of the health components (default 30, 25, 20, 15, 10 and sentiment 0)',
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
    features: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Type.String({
              minLength: 1,
              maxLength: 200,
              description:
                'The feature as events carry it: their `feature` property (the SDK’s `feature()` call sets it), ' +
                'else the event’s name',
            }),
            name: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 200,
                description: 'Its display name (default: the key)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 500,
          description:
            'The project’s features: reports count exactly these. Empty (the default): every event’s feature ' +
            'but the lifecycle events (LIFECYCLE_EVENTS: Signed Up, Signed In, Trial Started…)',
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
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'The IANA time zone (e.g. Europe/Berlin) whose days the reports count in: the days of activity, ' +
          'feature adoption, retention periods and funnel conversion over time (default UTC)',
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
    brand: Type.Optional(
      Type.Object(
        {
          logoUrl: Type.Optional(
            Type.String({
              pattern: '^https://[^\\s"\'<>]+$',
              maxLength: 2000,
              description: 'The logo at the top of every training email: an https URL (at most 48 px high)',
            }),
          ),
          primaryColor: Type.Optional(
            Type.String({
              pattern: '^#[0-9a-fA-F]{6}$',
              description: 'The colour of the header rule and links, as #rrggbb (default #1d4ed8)',
            }),
          ),
          senderName: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 100,
              pattern: '^[^\\u0000-\\u001f\\u007f<>"]+$',
              description: 'The From name of training and feedback emails (no line breaks, quotes or <>)',
            }),
          ),
          senderAddress: Type.Optional(
            Type.String({
              format: 'email',
              maxLength: 254,
              description:
                'The From address of training and feedback emails, a plain address (default: MAIL_FROM); ' +
                'your SMTP relay must be allowed to send for its domain',
            }),
          ),
          postalAddress: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 500,
              description:
                'The sender’s postal address, in the footer of every training email (anti-spam laws such as ' +
                'CAN-SPAM require one); line breaks are kept',
            }),
          ),
        },
        {
          additionalProperties: false,
          description: 'How training and feedback emails look and whom they come from',
        },
      ),
    ),
    openTracking: Type.Optional(
      Type.Boolean({
        description:
          'Whether training emails carry a 1×1 tracking image that counts opens (default false). Opens are ' +
          'unreliable: mail clients that block images never count, and image proxies that fetch every image ' +
          'count emails nobody read',
      }),
    ),
    eventRetentionDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_EVENT_RETENTION_DAYS,
        description:
          'Days an event is kept after its timestamp; ClickHouse then deletes it, and the rollups and traits ' +
          'derived from it, in its background merges. Left out (the default): kept until deleted. A change ' +
          're-dates the events already stored',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ProjectSettings = Static<typeof ProjectSettingsSchema>;

/**
 * `null` as a value of its own, checked first: a `type: null` branch would let the request validator's type
 * coercion turn 0, false or "" into null, and a branch tried before it could coerce null into something else.
 */
const BackToDefault = Type.Unsafe<null>({ const: null, description: 'null: back to the default' });

/**
 * A change of some settings: each field it names replaces the stored one whole (`healthWeights` with all its
 * weights); `null` puts a field back to its default. The fields it leaves out stay as they are.
 */
export const ProjectSettingsPatchSchema = Type.Object(
  Object.fromEntries(
    Object.entries(ProjectSettingsSchema.properties).map(([key, schema]) => [
      key,
      Type.Optional(Type.Union([BackToDefault, schema])),
    ]),
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type ProjectSettingsPatch = { [K in keyof ProjectSettings]?: ProjectSettings[K] | null };
export type FeatureDefinition = NonNullable<ProjectSettings['features']>[number];
export type BrandSettings = NonNullable<ProjectSettings['brand']>;

/**
 * Events that mark a customer's lifecycle rather than the use of a feature (Segment's B2B SaaS and mobile
 * lifecycle specs): never features unless a project lists them in `features`.
 */
export const LIFECYCLE_EVENTS: readonly string[] = [
  'Signed Up',
  'Signed In',
  'Signed Out',
  'Logged In',
  'Logged Out',
  'Account Created',
  'Account Deleted',
  'Account Added User',
  'Account Removed User',
  'Invite Sent',
  'Trial Started',
  'Trial Ended',
  'Application Installed',
  'Application Opened',
  'Application Backgrounded',
  'Application Updated',
  'Application Uninstalled',
  'Application Crashed',
];
/** Settings with every default filled in; eventRetentionDays has none (left out: events are kept). */
export type ResolvedProjectSettings = Required<
  Omit<ProjectSettings, 'eventRetentionDays' | 'healthWeights'>
> &
  Pick<ProjectSettings, 'eventRetentionDays'> & {
    healthWeights: Required<ProjectSettings['healthWeights']>;
  };
