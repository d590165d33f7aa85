import { type FormEvent, useState } from 'react';

/** Asks for the CSM's email, which "Mine" filters by; kept in this tab's session. */
export function EmailPrompt({
  current,
  onSave,
  onCancel,
}: {
  current: string;
  onSave: (email: string) => void;
  onCancel?: () => void;
}) {
  const [email, setEmail] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(email);
  };
  return (
    <form className="card email-prompt" onSubmit={submit}>
      <h2>Whose tasks are yours?</h2>
      <p className="muted">
        “Mine” shows the tasks assigned to your email, as the account owners and rules assign them. Give it
        here (or when signing in); it stays in this tab only.
      </p>
      <div className="form-row">
        <label>
          Your email
          <input
            type="email"
            name="email"
            required
            autoComplete="email"
            placeholder="you@company.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={email.trim() === ''}>
          Show my tasks
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
