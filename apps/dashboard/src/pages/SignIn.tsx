import { type FormEvent, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import type { SignInOptions } from '@bindery/contracts';
import { ApiError, request } from '../api/client';
import { useSession } from '../session';
import { signInTarget } from '../sign-in-target';

/**
 * Sign-in with email and password, or with the OpenID Connect provider when one is configured; the session
 * lives in an HttpOnly cookie, never in the page.
 */
export function SignIn() {
  const { signIn } = useSession();
  const options = useQuery({
    queryKey: ['sign-in-options'],
    queryFn: ({ signal }) => request<SignInOptions>('/v1/session/options', { signal }),
    staleTime: Infinity,
  });
  const oidc = options.data?.oidc;
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      await navigate(signInTarget(location), { replace: true });
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'Wrong email or password. Check them and try again.'
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
      <form
        onSubmit={(e) => void submit(e)}
        className="card"
        aria-describedby={error ? 'sign-in-error' : undefined}
      >
        <h1>Sign in to Bindery</h1>
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
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p id="sign-in-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || email.trim() === '' || password === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <Link to="/reset-password">Forgot your password?</Link>
        {oidc && (
          <a className="button-link sign-in-provider" href={oidc.url}>
            Sign in with {oidc.name}
          </a>
        )}
      </form>
    </main>
  );
}
