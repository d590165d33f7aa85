import { useState } from 'react';
import type { Task, TaskPatch } from '@bindery/contracts';
import { useProjectMutation } from '../../api/hooks';
import { formatDate } from '../../format';
import { PriorityBadge } from '../accounts/TaskBadges';
import { PersonMentions } from '../people/PersonLink';
import { type ClosingStatus, CloseTaskForm, OUTCOME_LABELS } from './CloseTaskForm';
import { ReassignForm } from './ReassignForm';
import { SnoozeForm } from './SnoozeForm';
import { STATUS_LABELS } from './task-filters';
import { type CardTask, TaskMeta } from './TaskMeta';
import { TaskStatusSelect } from './TaskStatusSelect';
import { TaskTimeline } from './TaskTimeline';

type Panel = 'snooze' | 'reassign' | 'timeline' | ClosingStatus;
const PANELS: { value: Panel; label: string }[] = [
  { value: 'snooze', label: 'Snooze' },
  { value: 'reassign', label: 'Reassign' },
  { value: 'timeline', label: 'Timeline' },
];
const isClosing = (status: Task['status']): status is ClosingStatus =>
  status === 'done' || status === 'dismissed';

/**
 * One task of the inbox: what it is about, its account's MRR, class and health, whose it is; its status (closing
 * asks how it ended), snooze, reassign, and its timeline with notes.
 */
export function TaskCard({
  task,
  now,
  myEmail,
  onChanged,
}: {
  task: CardTask;
  now: number;
  myEmail: string;
  onChanged: (message: string) => void;
}) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const patch = useProjectMutation<TaskPatch, Task>('PATCH', () => `tasks/${task.id}`, ['tasks', 'accounts']);
  const titleId = `task-${task.id}-title`;
  const panelId = `task-${task.id}-panel`;

  // mutateAsync: the card may leave the list (snoozed, done) before the change is reported.
  const apply = (body: TaskPatch, message: string) =>
    void patch.mutateAsync(body).then(
      () => {
        setPanel(null);
        onChanged(message);
      },
      () => undefined,
    );

  return (
    <article className="card task-card" aria-labelledby={titleId}>
      <div className="task-head">
        <PriorityBadge priority={task.priority} />
        <h3 id={titleId}>
          <PersonMentions text={task.title} />
        </h3>
        <TaskStatusSelect
          status={task.status}
          disabled={patch.isPending}
          onChange={(status) =>
            isClosing(status)
              ? setPanel(status)
              : apply({ status }, `“${task.title}” is now ${STATUS_LABELS[status].toLowerCase()}.`)
          }
        />
      </div>
      {task.body && (
        <details className="task-body">
          <summary>{task.body}</summary>
        </details>
      )}
      <div className="task-foot">
        <TaskMeta task={task} now={now} />
        <div className="task-actions">
          {patch.isPending && (
            <span className="muted" role="status">
              Saving…
            </span>
          )}
          {PANELS.map((p) => (
            <button
              key={p.value}
              type="button"
              aria-expanded={panel === p.value}
              aria-controls={panelId}
              onClick={() => setPanel((open) => (open === p.value ? null : p.value))}
            >
              {p.label}
            </button>
          ))}
        </div>
      </div>
      {patch.isError && (
        <p className="error" role="alert">
          Could not change this task: {patch.error.message}
        </p>
      )}
      <div id={panelId}>
        {panel === 'snooze' && (
          <SnoozeForm
            now={now}
            busy={patch.isPending}
            onSnooze={(until) =>
              apply({ snoozedUntil: until }, `“${task.title}” is snoozed until ${formatDate(until)}.`)
            }
          />
        )}
        {panel === 'reassign' && (
          <ReassignForm
            assignee={task.assignee}
            myEmail={myEmail}
            busy={patch.isPending}
            onAssign={(assignee) =>
              apply(
                { assignee },
                assignee ? `“${task.title}” is assigned to ${assignee}.` : `“${task.title}” is unassigned.`,
              )
            }
          />
        )}
        {panel === 'timeline' && <TaskTimeline taskId={task.id} />}
        {(panel === 'done' || panel === 'dismissed') && (
          <CloseTaskForm
            status={panel}
            busy={patch.isPending}
            onCancel={() => setPanel(null)}
            onClose={(body) =>
              apply(
                body,
                `“${task.title}” is ${STATUS_LABELS[panel].toLowerCase()}: ${OUTCOME_LABELS[body.outcome ?? 'other'].toLowerCase()}.`,
              )
            }
          />
        )}
      </div>
    </article>
  );
}
