import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MemberRole, SessionInfo } from '@bindery/contracts';
import { request } from './api/client';

/** A project the signed-in person is a member of, with their role there. */
export interface ProjectSession {
  projectId: string;
  name: string;
  role: MemberRole;
}

/**
 * The signed-in person: the server keeps the session (an HttpOnly cookie the page never sees); the page holds
 * only who they are, their projects, which one is open, and the CSRF token its changes carry.
 */
export interface Session {
  userId: string;
  email: string;
  name: string;
  projects: ProjectSession[];
  currentId: string;
  csrfToken: string;
}

/** Which project is open in this tab: not a secret, so that a reload reopens it. */
const CURRENT_KEY = 'bindery.project';

/** The session of a sign-in answer, opening the project this tab had open if the person still has it. */
export function fromInfo(info: SessionInfo, preferred: string | null): Session {
  const projects = [...info.projects].sort((a, b) => a.name.localeCompare(b.name));
  const currentId =
    projects.find((p) => p.projectId === preferred)?.projectId ?? projects[0]?.projectId ?? '';
  return {
    userId: info.user.id,
    email: info.user.email,
    name: info.user.name,
    projects,
    currentId,
    csrfToken: info.csrfToken,
  };
}

interface SessionApi {
  session: Session | null;
  current: ProjectSession | null;
  /** False until the page knows whether a session is open. */
  ready: boolean;
  signIn(email: string, password: string): Promise<void>;
  /** Takes the answer of a call that signed in (an accepted invitation). */
  signedIn(info: SessionInfo): void;
  switchProject(projectId: string): void;
  signOut(): Promise<void>;
  /** Forgets the session in this page after the server said it ended (a 401). */
  ended(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Session }) {
  const [session, setSession] = useState<Session | null>(initial ?? null);
  const [ready, setReady] = useState(initial !== undefined);

  useEffect(() => {
    if (initial) return;
    const controller = new AbortController();
    request<SessionInfo>('/v1/session', { signal: controller.signal })
      .then((info) => setSession(fromInfo(info, sessionStorage.getItem(CURRENT_KEY))))
      // Not signed in (401), or Bindery did not answer: the sign-in page says which when it is used.
      .catch(() => setSession(null))
      .finally(() => setReady(!controller.signal.aborted));
    return () => controller.abort();
  }, [initial]);

  const ended = useCallback(() => setSession(null), []);

  const value = useMemo<SessionApi>(() => {
    const current = session?.projects.find((p) => p.projectId === session.currentId) ?? null;
    return {
      session,
      current,
      ready,
      async signIn(email, password) {
        const info = await request<SessionInfo>('/v1/session', {
          method: 'POST',
          body: { email: email.trim(), password },
        });
        setSession(fromInfo(info, sessionStorage.getItem(CURRENT_KEY)));
      },
      signedIn(info) {
        setSession(fromInfo(info, sessionStorage.getItem(CURRENT_KEY)));
      },
      switchProject(projectId) {
        if (!session?.projects.some((p) => p.projectId === projectId)) return;
        sessionStorage.setItem(CURRENT_KEY, projectId);
        setSession({ ...session, currentId: projectId });
      },
      async signOut() {
        try {
          if (session) await request('/v1/session', { method: 'DELETE', csrfToken: session.csrfToken });
        } finally {
          setSession(null);
        }
      },
      ended,
    };
  }, [session, ready, ended]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}
