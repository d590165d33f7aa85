import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import type { SignInOptions } from '@bindery/contracts';
import { ApiError, request } from '../api/client';
import { useSession } from '../session';
import { signInTarget } from '../sign-in-target';
import { AuthCard, EmailField, PasswordField, useAuthSubmit } from './team/auth-form';

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
  const { busy, error, onSubmit } = useAuthSubmit(
    async () => {
      await signIn(email, password);
      await navigate(signInTarget(location), { replace: true });
    },
    (e) =>
      e instanceof ApiError && e.status === 401
        ? 'Wrong email or password. Check them and try again.'
        : e instanceof Error
          ? e.message
          : String(e),
  );

  return (
    <AuthCard
      title="Sign in to Bindery"
      errorId="sign-in-error"
      error={error}
      onSubmit={onSubmit}
      actions={
        <>
          <button type="submit" className="primary" disabled={busy || email.trim() === '' || password === ''}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          <Link to="/reset-password">Forgot your password?</Link>
          {oidc && (
            <a className="button-link sign-in-provider" href={oidc.url}>
              Sign in with {oidc.name}
            </a>
          )}
        </>
      }
    >
      <EmailField value={email} onChange={setEmail} />
      <PasswordField label="Password" kind="current" value={password} onChange={setPassword} />
    </AuthCard>
  );
}
