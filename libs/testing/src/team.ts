import { type Member, type MemberRole, type SessionInfo } from '@bindery/contracts';

/** Creates a user with the admin token and makes them a member of a project (owner unless told). */
export async function createTestUser(
  app: { url: string; adminToken: string },
  projectId: string,
  user: { email: string; password: string; role?: MemberRole },
): Promise<Member> {
  const res = await fetch(`${app.url}/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...user, projectId }),
  });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${await res.text()}`);
  return (await res.json()) as Member;
}

export interface SessionCall<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A dashboard session over plain HTTP, as a browser holds one: its cookie, and its CSRF token on changes. */
export class TestSession {
  private constructor(
    readonly url: string,
    readonly cookie: string,
    readonly info: SessionInfo,
    /** The raw Set-Cookie header the sign-in answered with. */
    readonly setCookie: string,
  ) {}

  /** Signs in with email and password; throws unless the answer is 200. */
  static async signIn(url: string, email: string, password: string): Promise<TestSession> {
    const res = await fetch(`${url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign in: ${res.status} ${await res.text()}`);
    return TestSession.from(url, res);
  }

  /** The session a sign-in, or an accepted invitation, answered with. */
  static async from(url: string, res: Response): Promise<TestSession> {
    const setCookie = res.headers.get('set-cookie') ?? '';
    return new TestSession(url, setCookie.split(';')[0] ?? '', (await res.json()) as SessionInfo, setCookie);
  }

  /** Calls a path with the session's cookie; changes carry the CSRF token unless `csrf` is false. */
  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    { csrf = true } = {},
  ): Promise<SessionCall<T>> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf && method !== 'GET') headers['x-csrf-token'] = this.info.csrfToken;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }
}
