import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { SessionInfo } from '@bindery/contracts';
import { request } from '../../api/client';
import { useSession } from '../../session';
import { AuthCard, PasswordField, useAuthSubmit } from './auth-form';
import { linkToken } from './link-token';

/** The page an invitation link opens: choose a password, join the project, signed in. */
export function AcceptInvite() {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const token = linkToken(useLocation().hash);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useAuthSubmit(async () => {
    const info = await request<SessionInfo>('/v1/invites/accept', {
      method: 'POST',
      body: { token, password, ...(name.trim() ? { name: name.trim() } : {}) },
    });
    signedIn(info);
    await navigate('/', { replace: true });
  });
  const complete = token.length >= 20;

  return (
    <AuthCard
      title="Join your team on Bindery"
      errorId="invite-error"
      error={error}
      onSubmit={onSubmit}
      actions={
        <>
          {complete && (
            <button type="submit" className="primary" disabled={busy || password.length < 10}>
              {busy ? 'Joining…' : 'Join'}
            </button>
          )}
          <Link to="/">Sign in instead</Link>
        </>
      }
    >
      {complete ? (
        <>
          <label>
            Your name
            <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <PasswordField label="Choose a password" kind="new" value={password} onChange={setPassword} />
        </>
      ) : (
        <p className="error" role="alert">
          This page needs the whole link from your invitation email. Open the link again, or ask an admin of
          the project for a new invitation.
        </p>
      )}
    </AuthCard>
  );
}
