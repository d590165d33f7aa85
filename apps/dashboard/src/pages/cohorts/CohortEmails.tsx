import { useId, useState } from 'react';
import type {
  Cohort,
  CohortEmailsBody,
  CohortEmailsResult,
  EmailTemplateList,
  TrainingContentList,
} from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { ErrorState } from '../../components/DataState';
import { formatInt } from '../../format';
import { ConfirmRow, useDryRun } from './dry-run';

/** Why some of the cohort get no email, in words ("2 suppressed, 1 over the cap"), or null. */
function heldBack(plan: CohortEmailsResult): string | null {
  const parts = [
    plan.suppressed > 0 && `${formatInt(plan.suppressed)} suppressed (unsubscribed, bounced or deleted)`,
    plan.overCap > 0 && `${formatInt(plan.overCap)} over the frequency cap`,
    plan.withoutAddress > 0 && `${formatInt(plan.withoutAddress)} without an email address`,
    plan.alreadyQueued > 0 && `${formatInt(plan.alreadyQueued)} sent from this cohort already`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * A training email to each person of the cohort: a template and the content, "Preview" for a dry run (how many
 * go out, how many are held back and why, and the first email rendered), then "Send".
 */
export function CohortEmails({ cohort }: { cohort: Cohort }) {
  const templates = useProjectGet<EmailTemplateList>('email-templates');
  const content = useProjectGet<TrainingContentList>('training-content');
  const [template, setTemplate] = useState('');
  const [key, setKey] = useState('');
  const id = useId();
  const chosenTemplate = template || templates.data?.templates[0]?.name || '';
  const chosenContent = key || content.data?.content[0]?.key || '';
  const body: Omit<CohortEmailsBody, 'confirm'> = { template: chosenTemplate, content: chosenContent };
  const { plan, run, clear, preview, confirm } = useDryRun<typeof body, CohortEmailsResult>(
    `cohorts/${cohort.id}/emails`,
    ['emails'],
    body,
  );
  const held = plan && heldBack(plan);

  return (
    <section className="stack cohort-action" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Training email to the people</h3>
      <form className="form-row" onSubmit={preview} aria-label="Training email to the people">
        <label>
          Template
          <select
            value={chosenTemplate}
            onChange={(e) => {
              setTemplate(e.target.value);
              clear();
            }}
          >
            {templates.data?.templates.map((t) => (
              <option key={t.id}>{t.name}</option>
            ))}
          </select>
        </label>
        <label>
          Content
          <select
            value={chosenContent}
            onChange={(e) => {
              setKey(e.target.value);
              clear();
            }}
          >
            {content.data?.content.map((c) => (
              <option key={c.id} value={c.key}>
                {c.title} ({c.key})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={run.isPending || chosenTemplate === '' || chosenContent === ''}>
          Preview emails
        </button>
      </form>
      {(templates.data?.templates.length === 0 || content.data?.content.length === 0) && (
        <p className="muted">An email needs a template and training content: add them first.</p>
      )}
      {run.error && <ErrorState error={run.error} />}
      {plan && !plan.confirmed && (
        <div className="stack" role="region" aria-label="Emails preview">
          <p>
            {formatInt(plan.queued)} of {formatInt(plan.people)} people would get this email
            {held && `; held back: ${held}`}.
          </p>
          {plan.preview && (
            <div className="stack">
              <p>
                To {plan.preview.recipient}: <strong>{plan.preview.subject}</strong>
              </p>
              <iframe title="Email preview" sandbox="" srcDoc={plan.preview.html} className="preview-frame" />
            </div>
          )}
          {plan.queued > 0 && (
            <ConfirmRow busy={run.isPending} onConfirm={confirm} onCancel={clear}>
              Send {formatInt(plan.queued)} {plan.queued === 1 ? 'email' : 'emails'}
            </ConfirmRow>
          )}
        </div>
      )}
      {plan?.confirmed && (
        <p className="notice" role="status">
          Queued {formatInt(plan.queued)} {plan.queued === 1 ? 'email' : 'emails'}
          {held && `; held back: ${held}`}.
        </p>
      )}
    </section>
  );
}
