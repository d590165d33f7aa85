import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { request } from '../../api/client';
import { AuthCard, EmailField, PasswordField, useAuthSubmit } from './auth-form';
import { linkToken } from './link-token';

/** Asks for a reset link by email, or, opened from that link, sets the new password. */
export function ResetPassword() {
  const token = linkToken(useLocation().hash);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, onSubmit } = useAuthSubmit(async () => {
    if (token) {
      await request('/v1/password-reset/confirm', { method: 'POST', body: { token, password } });
      setDone('Your password is changed, and every session of yours has ended. Sign in with the new one.');
    } else {
      await request('/v1/password-reset', { method: 'POST', body: { email: email.trim() } });
      setDone(`If ${email.trim()} has an account here, a link to reset its password is on its way.`);
    }
  });

  return (
    <AuthCard
      title={token ? 'Choose a new password' : 'Reset your password'}
      errorId="reset-error"
      error={error}
      onSubmit={onSubmit}
      actions={
        <>
          {!done && (
            <button type="submit" className="primary" disabled={busy}>
              {token ? 'Set the password' : 'Email me a link'}
            </button>
          )}
          <Link to="/">Back to sign-in</Link>
        </>
      }
    >
      {done ? (
        <p role="status">{done}</p>
      ) : token ? (
        <PasswordField label="New password" kind="new" value={password} onChange={setPassword} />
      ) : (
        <EmailField value={email} onChange={setEmail} />
      )}
    </AuthCard>
  );
}
