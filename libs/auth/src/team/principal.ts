import { type TokenScope } from '@bindery/contracts';

/** Who makes a request, once its credential is checked. */
export type Principal =
  /** The operator's admin token: any project. */
  | { kind: 'admin'; actor: string }
  /** A project's secret key, held by a server: that project, as an owner. */
  | { kind: 'key'; projectId: string; actor: string }
  /** A person, by their dashboard session or one of their personal tokens. */
  | {
      kind: 'user';
      userId: string;
      email: string;
      via: 'session' | 'token';
      /** A token's scope; a session may do all its role allows. */
      scope: TokenScope;
      /** What the audit log and timelines record: the email, and the token's name when a token made the call. */
      actor: string;
    };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
