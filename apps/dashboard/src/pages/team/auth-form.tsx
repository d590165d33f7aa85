import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';

/** What a failed request says to a person, unless the form knows better. */
const message = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/**
 * A signed-out form's submission: busy while `action` runs, and its error (worded by `describe` when given)
 * shown until the next try.
 */
export function useAuthSubmit(action: () => Promise<void>, describe: (e: unknown) => string = message) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, onSubmit: (event: FormEvent) => void submit(event) };
}

/** The card of the signed-out pages (sign-in, invitation, password reset), its title and its error. */
export function AuthCard(props: {
  title: string;
  /** The id of the error line, which describes the form while it shows. */
  errorId: string;
  error: string | null;
  onSubmit: (event: FormEvent) => void;
  /** The fields, above the error line. */
  children: ReactNode;
  /** The buttons and links, below it. */
  actions: ReactNode;
}) {
  return (
    <main id="main" className="sign-in">
      <form
        onSubmit={props.onSubmit}
        className="card"
        aria-describedby={props.error ? props.errorId : undefined}
      >
        <h1>{props.title}</h1>
        {props.children}
        {props.error && (
          <p id={props.errorId} className="error" role="alert">
            {props.error}
          </p>
        )}
        {props.actions}
      </form>
    </main>
  );
}

export function EmailField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label>
      Email
      <input
        type="email"
        name="email"
        autoComplete="username"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** A password input; a new one asks for 10 characters or more, as the server does. */
export function PasswordField(props: {
  label: string;
  kind: 'current' | 'new';
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      {props.kind === 'new' && (
        <>
          {' '}
          <span className="muted">(10 characters or more)</span>
        </>
      )}
      <input
        type="password"
        name="password"
        autoComplete={`${props.kind}-password`}
        minLength={props.kind === 'new' ? 10 : undefined}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
