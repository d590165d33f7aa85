import { Type, type Static } from '@sinclair/typebox';

/** A member's role in a project. */
export const MEMBER_ROLES = ['owner', 'admin', 'csm', 'analyst', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** What a role may do, by kind of endpoint: every project endpoint states one of these. */
export const ACCESS = {
  /** Reading anything of the project, reports included. */
  read: ['owner', 'admin', 'csm', 'analyst', 'viewer'],
  /** Tasks, notes, accounts: the customer-success work. */
  outreach: ['owner', 'admin', 'csm'],
  /** Saved funnels and other analysis. */
  analysis: ['owner', 'admin', 'analyst'],
  /** Saving and deleting cohorts: lists that those who analyse find and those who act on them use. */
  cohorts: ['owner', 'admin', 'csm', 'analyst'],
  /** Settings, keys, rules, templates, content, members. */
  admin: ['owner', 'admin'],
} as const satisfies Record<string, readonly MemberRole[]>;
export type Access = keyof typeof ACCESS;

/** The sentence an endpoint's OpenAPI description carries for its access. */
export function accessDescription(access: Access): string {
  return `Role: ${ACCESS[access].join(', ')} (a read-only token: ${access === 'read' ? 'yes' : 'no'}).`;
}

export const TOKEN_SCOPES = ['read', 'read-write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const P1_NOTICES = ['immediately', 'daily', 'never'] as const;
export type P1Notice = (typeof P1_NOTICES)[number];

const Email = Type.String({ minLength: 3, maxLength: 254, description: 'A plain local@domain address' });
const Password = Type.String({ minLength: 10, maxLength: 200, description: '10 to 200 characters' });
const Role = Type.Union(MEMBER_ROLES.map((r) => Type.Literal(r)));
const InvitedRole = Type.Union(MEMBER_ROLES.filter((r) => r !== 'owner').map((r) => Type.Literal(r)));
const Secret = Type.String({ minLength: 20, maxLength: 200 });

export const SignInBodySchema = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBodySchema>;

export const SessionInfoSchema = Type.Object({
  user: Type.Object({ id: Type.String({ format: 'uuid' }), email: Type.String(), name: Type.String() }),
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token with every change made with the session' }),
  projects: Type.Array(
    Type.Object({ projectId: Type.String({ format: 'uuid' }), name: Type.String(), role: Role }),
  ),
});
export type SessionInfo = Static<typeof SessionInfoSchema>;

export const CreateUserBodySchema = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    projectId: Type.String({ format: 'uuid' }),
    role: Type.Optional(Role),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

export const MemberSchema = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  p1Notice: Type.Union(P1_NOTICES.map((n) => Type.Literal(n))),
  since: Type.String({ format: 'date-time' }),
});
export type Member = Static<typeof MemberSchema>;
export const MemberListSchema = Type.Object({ members: Type.Array(MemberSchema) });
export type MemberList = Static<typeof MemberListSchema>;

export const MemberParamsSchema = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  userId: Type.String({ format: 'uuid' }),
});
export type MemberParams = Static<typeof MemberParamsSchema>;

export const UpdateMemberBodySchema = Type.Object(
  { role: Type.Optional(Role), p1Notice: Type.Optional(Type.Union(P1_NOTICES.map((n) => Type.Literal(n)))) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMemberBody = Static<typeof UpdateMemberBodySchema>;

export const InviteBodySchema = Type.Object(
  { email: Email, role: InvitedRole },
  { additionalProperties: false },
);
export type InviteBody = Static<typeof InviteBodySchema>;

export const CreatedInviteSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  role: InvitedRole,
  expiresAt: Type.String({ format: 'date-time' }),
  link: Type.String({ description: 'The one-time link, also emailed; shown once' }),
});
export type CreatedInvite = Static<typeof CreatedInviteSchema>;

export const AcceptInviteBodySchema = Type.Object(
  { token: Secret, password: Type.Optional(Password), name: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type AcceptInviteBody = Static<typeof AcceptInviteBodySchema>;

export const PasswordResetRequestBodySchema = Type.Object({ email: Email }, { additionalProperties: false });
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBodySchema>;

export const PasswordResetBodySchema = Type.Object(
  { token: Secret, password: Password },
  { additionalProperties: false },
);
export type PasswordResetBody = Static<typeof PasswordResetBodySchema>;

export const CreateTokenBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: Type.Union(TOKEN_SCOPES.map((s) => Type.Literal(s))),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBodySchema>;

const TokenFields = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  scope: Type.Union(TOKEN_SCOPES.map((s) => Type.Literal(s))),
  hint: Type.String({ description: 'The first characters of the token' }),
  expiresAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};
export const TokenInfoSchema = Type.Object(TokenFields);
export type TokenInfo = Static<typeof TokenInfoSchema>;
export const TokenListSchema = Type.Object({ tokens: Type.Array(TokenInfoSchema) });
export type TokenList = Static<typeof TokenListSchema>;
export const CreatedTokenSchema = Type.Object({
  ...TokenFields,
  token: Type.String({ description: 'The token, shown once; send it as a Bearer token' }),
});
export type CreatedToken = Static<typeof CreatedTokenSchema>;
export const TokenParamsSchema = Type.Object({ tokenId: Type.String({ format: 'uuid' }) });
export type TokenParams = Static<typeof TokenParamsSchema>;

export const AuditQuerySchema = Type.Object(
  {
    actor: Type.Optional(
      Type.String({ maxLength: 300, description: 'Only this person’s or token’s changes' }),
    ),
    action: Type.Optional(Type.String({ maxLength: 100, description: 'Only this kind of change' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;
export const AuditEntrySchema = Type.Object({
  actor: Type.String(),
  action: Type.String(),
  details: Type.Unknown(),
  at: Type.String({ format: 'date-time' }),
});
export const AuditListSchema = Type.Object({ entries: Type.Array(AuditEntrySchema) });
export type AuditList = Static<typeof AuditListSchema>;

export const SignInOptionsSchema = Type.Object({
  oidc: Type.Union([Type.Object({ name: Type.String(), url: Type.String() }), Type.Null()], {
    description:
      'The OpenID Connect provider to sign in with (its name, and where the sign-in starts), if any',
  }),
});
export type SignInOptions = Static<typeof SignInOptionsSchema>;
export const OidcCallbackQuerySchema = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4_000 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  iss: Type.Optional(Type.String({ maxLength: 2_000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2_000 })),
  session_state: Type.Optional(Type.String({ maxLength: 500 })),
});
export type OidcCallbackQuery = Static<typeof OidcCallbackQuerySchema>;
