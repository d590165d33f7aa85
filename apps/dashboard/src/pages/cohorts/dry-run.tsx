import { type FormEvent, type ReactNode, useState } from 'react';
import { useProjectMutation } from '../../api/hooks';

/**
 * A cohort action asked twice: first as a dry run (`confirm: false`, the plan shown), then confirmed. The plan
 * is cleared whenever the form changes, so a confirmation always follows a preview of the same body.
 */
export function useDryRun<TBody extends object, TResult>(path: string, invalidates: string[], body: TBody) {
  const [plan, setPlan] = useState<TResult | null>(null);
  const run = useProjectMutation<TBody & { confirm: boolean }, TResult>('POST', () => path, invalidates);
  return {
    plan,
    run,
    clear: () => setPlan(null),
    preview: (e: FormEvent) => {
      e.preventDefault();
      run.reset();
      void run.mutateAsync({ ...body, confirm: false }).then(setPlan);
    },
    confirm: () => void run.mutateAsync({ ...body, confirm: true }).then(setPlan),
  };
}

/** The previewed plan's buttons: carry it out, or drop it. */
export function ConfirmRow(props: {
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div className="form-row">
      <button type="button" className="primary" disabled={props.busy} onClick={props.onConfirm}>
        {props.children}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
