import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError, request } from '../../api/client';
import { linkToken } from './link-token';

/** Asks for a reset link by email, or, opened from that link, sets the new password. */
export function ResetPassword() {
  const token = linkToken(useLocation().hash);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (token) {
        await request('/v1/password-reset/confirm', { method: 'POST', body: { token, password } });
        setDone('Your password is changed, and every session of yours has ended. Sign in with the new one.');
      } else {
        await request('/v1/password-reset', { method: 'POST', body: { email: email.trim() } });
        setDone(`If ${email.trim()} has an account here, a link to reset its password is on its way.`);
      }
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
        aria-describedby={error ? 'reset-error' : undefined}
      >
        <h1>{token ? 'Choose a new password' : 'Reset your password'}</h1>
        {done ? (
          <p role="status">{done}</p>
        ) : (
          <>
            {token ? (
              <label>
                New password <span className="muted">(10 characters or more)</span>
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
            ) : (
              <label>
                Email
                <input
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              </label>
            )}
            {error && (
              <p id="reset-error" className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {token ? 'Set the password' : 'Email me a link'}
            </button>
          </>
        )}
        <Link to="/">Back to sign-in</Link>
      </form>
    </main>
  );
}
