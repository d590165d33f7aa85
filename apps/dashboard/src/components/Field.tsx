import { type ReactNode, useId } from 'react';

/** What a field gives its control: the id its label points at, and the help that describes it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
}

/**
 * A labelled control with an optional help line. The label points at the control (`for`) rather than
 * wrapping it, so that the control's value is not read as part of its name; the help is its description.
 */
export function Field({
  label,
  help,
  className,
  children,
}: {
  label: ReactNode;
  help?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(help ? { id, 'aria-describedby': helpId } : { id })}
      {help && (
        <small id={helpId} className="help">
          {help}
        </small>
      )}
    </div>
  );
}
