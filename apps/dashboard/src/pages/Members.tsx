import { type FormEvent, useState } from 'react';
import type { CreatedInvite, InviteBody, Member, MemberList, MemberRole } from '@bindery/contracts';
import { useProjectGet, useProjectMutation } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { useSession } from '../session';

const ROLES: MemberRole[] = ['owner', 'admin', 'csm', 'analyst', 'viewer'];
const INVITED_ROLES = ROLES.filter((r) => r !== 'owner') as InviteBody['role'][];

/** The project's people: who has which role; owners and admins invite, change roles and remove. */
export function Members() {
  const { session, current } = useSession();
  const members = useProjectGet<MemberList>('members');
  const manages = current?.role === 'owner' || current?.role === 'admin';
  return (
    <>
      <PageHeader title="Members" />
      <div className="stack">
        {manages && <InviteForm />}
        <DataState query={members} label="members">
          {(data) => (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Members">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    {manages && <th scope="col">Remove</th>}
                  </tr>
                </thead>
                <tbody>
                  {data.members.map((m) => (
                    <MemberRow
                      key={m.userId}
                      member={m}
                      manages={manages && m.userId !== session?.userId}
                      ownerSees={current?.role === 'owner'}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      </div>
    </>
  );
}

function MemberRow({ member, manages, ownerSees }: { member: Member; manages: boolean; ownerSees: boolean }) {
  const update = useProjectMutation<{ role: MemberRole }, Member>('PATCH', () => `members/${member.userId}`, [
    'members',
  ]);
  const remove = useProjectMutation<undefined>('DELETE', () => `members/${member.userId}`, ['members']);
  const error = update.error ?? remove.error;
  const roles = ownerSees ? ROLES : ROLES.filter((r) => r !== 'owner');
  return (
    <tr>
      <td>{member.email}</td>
      <td>{member.name}</td>
      <td>
        {manages && (ownerSees || member.role !== 'owner') ? (
          <select
            aria-label={`Role of ${member.email}`}
            value={member.role}
            onChange={(e) => update.mutate({ role: e.target.value as MemberRole })}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        ) : (
          member.role
        )}
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
      </td>
      {manages && (
        <td>
          <button type="button" className="link" onClick={() => remove.mutate(undefined)}>
            Remove {member.email}
          </button>
        </td>
      )}
    </tr>
  );
}

function InviteForm() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteBody['role']>('csm');
  const invite = useProjectMutation<InviteBody, CreatedInvite>('POST', () => 'members/invites', ['audit']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Invite someone">
      <h2>Invite someone</h2>
      <div className="form-row">
        <label>
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as InviteBody['role'])}>
            {INVITED_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={invite.isPending || email.trim() === ''}>
          Send the invitation
        </button>
      </div>
      {invite.error && (
        <p className="error" role="alert">
          {invite.error.message}
        </p>
      )}
      {invite.data && (
        <p role="status">
          Invitation emailed to {invite.data.email} as {invite.data.role}. The link works once, until{' '}
          {new Date(invite.data.expiresAt).toLocaleDateString()}: <code>{invite.data.link}</code>
        </p>
      )}
    </form>
  );
}
