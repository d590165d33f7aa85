import type { EmailTemplate, EmailTemplateBody, Rule } from '@bindery/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { useProjectMutation } from '../../api/hooks';
import { Field } from '../../components/Field';
import { EditorFooter } from '../../components/EditorFooter';
import {
  DEFAULT_SAMPLE_USER,
  previewBody,
  rulesSending,
  type SampleUser,
  TEMPLATE_VARIABLES,
} from './template-preview';
import { TemplatePreview } from './TemplatePreview';
import { useDebounced } from './use-debounced';

const PREVIEW_DELAY_MS = 400;

interface Props {
  /** The template to change; none: a new one. */
  template?: EmailTemplate;
  /** The project's rules, to warn before a rename leaves some without their template. */
  rules: Rule[];
  onSaved: (template: EmailTemplate) => void;
  onCancel: () => void;
}

/** Edits a template beside its live preview for a sample user; the API's refusal is shown by the buttons. */
export function TemplateEditor({ template, rules, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<EmailTemplateBody>(() => ({
    name: template?.name ?? '',
    subject: template?.subject ?? '',
    html: template?.html ?? '',
    text: template?.text ?? '',
  }));
  const [sample, setSample] = useState<SampleUser>(DEFAULT_SAMPLE_USER);
  const create = useProjectMutation<EmailTemplateBody, EmailTemplate>('POST', () => 'email-templates', [
    'email-templates',
  ]);
  const update = useProjectMutation<EmailTemplateBody, EmailTemplate>(
    'PUT',
    () => `email-templates/${template?.id}`,
    ['email-templates'],
  );
  const save = template ? update : create;
  const body = useMemo(
    () => previewBody({ subject: draft.subject, html: draft.html, text: draft.text }, sample),
    [draft.subject, draft.html, draft.text, sample],
  );
  const settled = useDebounced(body, PREVIEW_DELAY_MS);
  const orphaned = template && draft.name.trim() !== template.name ? rulesSending(template.name, rules) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ ...draft, name: draft.name.trim() }, { onSuccess: onSaved });
  }
  const edit = (part: keyof EmailTemplateBody) => (value: string) => setDraft({ ...draft, [part]: value });

  return (
    <div className="template-editor">
      <form className="card stack editor" onSubmit={submit} aria-labelledby="template-editor-title">
        <h2 id="template-editor-title">
          {template ? `Edit template “${template.name}”` : 'New email template'}
        </h2>
        <Field
          label="Name"
          help={
            orphaned.length > 0
              ? `${orphaned.map((r) => `“${r.name}”`).join(', ')} send${orphaned.length === 1 ? 's' : ''} “${template?.name}” by name: renamed, ${orphaned.length === 1 ? 'it' : 'they'} will not find it.`
              : 'Rules send a template by its name'
          }
        >
          {(control) => (
            <input
              required
              maxLength={200}
              {...control}
              value={draft.name}
              onChange={(e) => edit('name')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Subject">
          {(control) => (
            <input
              {...control}
              required
              maxLength={500}
              value={draft.subject}
              onChange={(e) => edit('subject')(e.target.value)}
            />
          )}
        </Field>
        <Field label="HTML" help="{{user.first_name}} becomes the recipient’s first name, HTML-escaped">
          {(control) => (
            <textarea
              required
              rows={10}
              spellCheck={false}
              {...control}
              value={draft.html}
              onChange={(e) => edit('html')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Text" help="The plain-text part, for mail clients that do not show HTML">
          {(control) => (
            <textarea
              required
              rows={6}
              {...control}
              value={draft.text}
              onChange={(e) => edit('text')(e.target.value)}
            />
          )}
        </Field>
        <Variables />
        <EditorFooter what="template" creating={!template} save={save} onCancel={onCancel} />
      </form>
      <section className="card stack preview" aria-labelledby="preview-title">
        <h2 id="preview-title">Preview</h2>
        <SampleUserFields value={sample} onChange={setSample} />
        <div className="preview-area">
          <TemplatePreview body={settled} />
        </div>
      </section>
    </div>
  );
}

function SampleUserFields({ value, onChange }: { value: SampleUser; onChange: (user: SampleUser) => void }) {
  const fields: { key: keyof SampleUser; label: string; type: string }[] = [
    { key: 'first_name', label: 'First name', type: 'text' },
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'email', label: 'Email', type: 'email' },
  ];
  return (
    <fieldset>
      <legend>Sample user</legend>
      <div className="sample-user">
        {fields.map((f) => (
          <Field
            key={f.key}
            label={
              <>
                {f.label}
                <span className="visually-hidden"> of the sample user</span>
              </>
            }
          >
            {(control) => (
              <input
                {...control}
                type={f.type}
                maxLength={320}
                value={value[f.key]}
                onChange={(e) => onChange({ ...value, [f.key]: e.target.value })}
              />
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

/** The variables a template may use; anything else is refused when saved (and shown in the preview). */
function Variables() {
  return (
    <details className="variables" open>
      <summary>Variables</summary>
      <dl>
        {TEMPLATE_VARIABLES.map((v) => (
          <div key={v.name}>
            <dt>
              <code>{`{{${v.name}}}`}</code>
            </dt>
            <dd>{v.holds}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
