import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { SessionInfo } from '@bindery/contracts';
import { ApiError, request } from '../../api/client';
import { useSession } from '../../session';
import { linkToken } from './link-token';

/** The page an invitation link opens: choose a password, join the project, signed in. */
export function AcceptInvite() {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const token = linkToken(useLocation().hash);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const info = await request<SessionInfo>('/v1/invites/accept', {
        method: 'POST',
        body: { token, password, ...(name.trim() ? { name: name.trim() } : {}) },
      });
      signedIn(info);
      await navigate('/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <form
        onSubmit={(e) => void submit(e)}
        className="card"
        aria-describedby={error ? 'invite-error' : undefined}
      >
        <h1>Join your team on Bindery</h1>
        {token.length < 20 ? (
          <p className="error" role="alert">
            This page needs the whole link from your invitation email. Open the link again, or ask an admin of
            the project for a new invitation.
          </p>
        ) : (
          <>
            <label>
              Your name
              <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              Choose a password <span className="muted">(10 characters or more)</span>
              <input
                type="password"
                name="password"
                autoComplete="new-password"
                minLength={10}
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {error && (
              <p id="invite-error" className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy || password.length < 10}>
              {busy ? 'Joining…' : 'Join'}
            </button>
          </>
        )}
        <Link to="/">Sign in instead</Link>
      </form>
    </main>
  );
}
