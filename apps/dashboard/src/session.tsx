import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { KeyOwner } from '@bindery/contracts';
import { request } from './api/client';

/** A project the user signed in to in this tab: its secret key lives in sessionStorage, never in a URL. */
export interface ProjectSession {
  projectId: string;
  name: string;
  key: string;
}

export interface Session {
  projects: ProjectSession[];
  currentId: string;
  /** The signed-in CSM's email, for "my tasks"; optional. */
  email: string;
}

const STORAGE_KEY = 'bindery.session';

export function loadSession(storage: Storage = sessionStorage): Session | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.projects?.some((p) => p.projectId === session.currentId) ? session : null;
  } catch {
    return null;
  }
}

function saveSession(session: Session | null, storage: Storage = sessionStorage): void {
  if (session) storage.setItem(STORAGE_KEY, JSON.stringify(session));
  else storage.removeItem(STORAGE_KEY);
}

/** Adds (or refreshes) a project and makes it current; pure, so that the rules are tested on their own. */
export function addProject(session: Session | null, project: ProjectSession, email?: string): Session {
  const others = (session?.projects ?? []).filter((p) => p.projectId !== project.projectId);
  return {
    projects: [...others, project].sort((a, b) => a.name.localeCompare(b.name)),
    currentId: project.projectId,
    email: email ?? session?.email ?? '',
  };
}

/** Forgets one project; the session ends with its last project. */
export function removeProject(session: Session, projectId: string): Session | null {
  const projects = session.projects.filter((p) => p.projectId !== projectId);
  if (projects.length === 0) return null;
  const currentId = session.currentId === projectId ? projects[0]!.projectId : session.currentId;
  return { ...session, projects, currentId };
}

interface SessionApi {
  session: Session | null;
  current: ProjectSession | null;
  signIn(key: string, email?: string): Promise<void>;
  switchProject(projectId: string): void;
  signOut(projectId?: string): void;
  setEmail(email: string): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const update = useCallback((next: Session | null) => {
    saveSession(next);
    setSession(next);
  }, []);

  const value = useMemo<SessionApi>(() => {
    const current = session?.projects.find((p) => p.projectId === session.currentId) ?? null;
    return {
      session,
      current,
      async signIn(key, email) {
        const owner = await request<KeyOwner>('/v1/me', { key: key.trim() });
        update(addProject(session, { projectId: owner.projectId, name: owner.name, key: key.trim() }, email));
      },
      switchProject(projectId) {
        if (session?.projects.some((p) => p.projectId === projectId))
          update({ ...session, currentId: projectId });
      },
      signOut(projectId) {
        if (!session) return;
        update(projectId ? removeProject(session, projectId) : null);
      },
      setEmail(email) {
        if (session) update({ ...session, email: email.trim() });
      },
    };
  }, [session, update]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}
