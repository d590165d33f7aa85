import { type ColumnType, type Selectable } from 'kysely';
import { type MemberRole, type P1Notice, type TokenScope } from '@bindery/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: string;
  /** Lower-case. */
  email: string;
  name: ColumnType<string, string | undefined, string>;
  /** scrypt, with its parameters and salt (libs/auth passwords.ts); null for a user who signs in with OIDC only. */
  password_hash: string | null;
  /** `issuer|sub` of the OpenID Connect identity linked to this user. */
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  project_id: string;
  user_id: string;
  role: MemberRole;
  p1_notice: ColumnType<P1Notice, P1Notice | undefined, P1Notice>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's value: a stolen database opens no session. */
  id_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  /** The absolute end of the session, however active it is. */
  expires_at: Date;
}

export interface UserTokensTable {
  id: string;
  user_id: string;
  name: string;
  scope: TokenScope;
  token_hash: string;
  token_hint: string;
  expires_at: Date;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface InvitesTable {
  id: string;
  project_id: string;
  email: string;
  role: Exclude<MemberRole, 'owner'>;
  token_hash: string;
  invited_by: string;
  expires_at: Date;
  accepted_at: Date | null;
  created_at: CreatedAt;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

/** The team's tables, part of {@link Database}. */
export interface TeamTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  invites: InvitesTable;
  password_resets: PasswordResetsTable;
}

export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type UserToken = Selectable<UserTokensTable>;
export type Invite = Selectable<InvitesTable>;
