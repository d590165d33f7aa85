import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../session';

/** Sign-in with a project's secret key; the key stays in this tab's session storage. */
export function SignIn() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [email, setEmail] = useState(session?.email ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(key, email);
      await navigate('/');
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'This is not a secret key of any project here (a write key will not do). Check it and try again.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <form onSubmit={submit} className="card" aria-describedby={error ? 'sign-in-error' : undefined}>
        <h1>Sign in to Bindery</h1>
        <p className="muted">
          Use a project&apos;s secret key (<code>sk_…</code>), from <code>POST /v1/projects</code>, the CLI or{' '}
          <code>npm run demo</code>. It is kept in this tab only.
        </p>
        <label>
          Secret key
          <input
            type="password"
            name="key"
            autoComplete="off"
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        </label>
        <label>
          Your email <span className="muted">(optional, for “my tasks”)</span>
          <input type="email" name="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        {error && (
          <p id="sign-in-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {session && (
          <button type="button" className="link" onClick={() => void navigate('/')}>
            Back to {session.projects.find((p) => p.projectId === session.currentId)?.name}
          </button>
        )}
      </form>
    </main>
  );
}
