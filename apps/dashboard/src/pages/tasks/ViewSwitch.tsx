import { TASK_VIEWS, type TaskView } from './task-filters';

/** Mine / All / Unassigned as a segmented control: toggle buttons, one pressed. */
export function ViewSwitch({ view, onChange }: { view: TaskView; onChange: (view: TaskView) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Whose tasks">
      {TASK_VIEWS.map((v) => (
        <button key={v.value} type="button" aria-pressed={view === v.value} onClick={() => onChange(v.value)}>
          {v.label}
        </button>
      ))}
    </div>
  );
}
