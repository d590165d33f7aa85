import type { SavedFunnel, TrainingContent, TrainingContentBody } from '@bindery/contracts';
import { type FormEvent, useState } from 'react';
import { useProjectMutation } from '../../api/hooks';
import { Combobox } from '../../components/Combobox';
import { useFeatureOptions } from '../../components/suggestions';
import { Field } from '../../components/Field';
import { EditorFooter } from '../../components/EditorFooter';
import { type ContentKey, formatContentKey, parseContentKey, stallSteps } from './content-key';

interface Props {
  /** The entry to change; none: a new one. */
  content?: TrainingContent;
  funnels: SavedFunnel[];
  onSaved: (content: TrainingContent) => void;
  onCancel: () => void;
}

/** Creates or changes a piece of training content: what it is for (its key), title, link and summary. */
export function ContentEditor({ content, funnels, onSaved, onCancel }: Props) {
  const [key, setKey] = useState<ContentKey>(() =>
    content ? parseContentKey(content.key) : { kind: 'feature', feature: '' },
  );
  const [title, setTitle] = useState(content?.title ?? '');
  const [url, setUrl] = useState(content?.url ?? '');
  const [summary, setSummary] = useState(content?.summary ?? '');
  const create = useProjectMutation<TrainingContentBody, TrainingContent>('POST', () => 'training-content', [
    'training-content',
  ]);
  const update = useProjectMutation<TrainingContentBody, TrainingContent>(
    'PUT',
    () => `training-content/${content?.id}`,
    ['training-content'],
  );
  const save = content ? update : create;

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      key: formatContentKey(key),
      title: title.trim(),
      url: url.trim(),
      summary: summary.trim(),
    };
    save.mutate(body, { onSuccess: onSaved });
  }

  return (
    <form className="card stack editor" onSubmit={submit} aria-labelledby="content-editor-title">
      <h2 id="content-editor-title">{content ? `Edit “${content.title}”` : 'New training content'}</h2>
      <KeyFields value={key} onChange={setKey} funnels={funnels} />
      <div className="field-grid">
        <Field label="Title" className="wide" help="The link text of the email, {{content.title}}">
          {(control) => (
            <input
              required
              maxLength={300}
              {...control}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label="URL" className="wide" help="An http(s) address: the guide, video or help article">
          {(control) => (
            <input
              type="url"
              required
              pattern="https?://.+"
              maxLength={2000}
              placeholder="https://help.example.com/…"
              {...control}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <Field label="Summary" className="wide" help="A sentence or two on why it helps, {{content.summary}}">
          {(control) => (
            <textarea
              rows={3}
              maxLength={5000}
              className="prose"
              {...control}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          )}
        </Field>
      </div>
      <EditorFooter what="content" creating={!content} save={save} onCancel={onCancel} />
    </form>
  );
}

/** The key: a feature's name, or a saved funnel and the step a stalled user has not reached. */
function KeyFields({
  value,
  onChange,
  funnels,
}: {
  value: ContentKey;
  onChange: (key: ContentKey) => void;
  funnels: SavedFunnel[];
}) {
  const features = useFeatureOptions();
  const firstFunnel = funnels[0];
  const toFunnel = (funnel: SavedFunnel | undefined): ContentKey => ({
    kind: 'funnel',
    funnelId: funnel?.id ?? '',
    step: 2,
  });
  const funnel = value.kind === 'funnel' ? funnels.find((f) => f.id === value.funnelId) : undefined;
  return (
    <fieldset className="stack">
      <legend>Sent for</legend>
      <p className="help">
        Training emails pick their content by key. Feature rules (abandonment, never adopted) look up the
        feature’s name; a funnel stall looks up <code>funnel:&lt;funnelId&gt;:step:&lt;n&gt;</code>, the step
        the user has not reached, and else that step’s event name.
      </p>
      <div className="form-row">
        <label className="inline">
          <input
            type="radio"
            name="key-kind"
            checked={value.kind === 'feature'}
            onChange={() => onChange({ kind: 'feature', feature: '' })}
          />
          A feature
        </label>
        <label className="inline">
          <input
            type="radio"
            name="key-kind"
            checked={value.kind === 'funnel'}
            disabled={funnels.length === 0 && value.kind !== 'funnel'}
            onChange={() => onChange(toFunnel(firstFunnel))}
          />
          A funnel step{funnels.length === 0 && <span className="muted"> (save a funnel first)</span>}
        </label>
      </div>
      {value.kind === 'feature' ? (
        <Field
          label="Feature"
          help="The feature property of a track event, else the event’s name (see Features)"
        >
          {(control) => (
            <Combobox
              required
              maxLength={300}
              {...control}
              value={value.feature}
              options={features}
              onChange={(feature) => onChange({ kind: 'feature', feature })}
            />
          )}
        </Field>
      ) : (
        <div className="field-grid">
          <Field label="Funnel">
            {(control) => (
              <select
                {...control}
                required
                value={value.funnelId}
                onChange={(e) => onChange(toFunnel(funnels.find((f) => f.id === e.target.value)))}
              >
                {!funnel && (
                  <option value={value.funnelId}>
                    {value.funnelId ? 'A deleted funnel' : 'Choose a saved funnel'}
                  </option>
                )}
                {funnels.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Step not reached">
            {(control) => (
              <select
                {...control}
                required
                value={value.step}
                onChange={(e) => onChange({ ...value, step: Number(e.target.value) })}
              >
                {(funnel ? stallSteps(funnel) : [{ step: value.step, label: `Step ${value.step}` }]).map(
                  (s) => (
                    <option key={s.step} value={s.step}>
                      {s.label}
                    </option>
                  ),
                )}
              </select>
            )}
          </Field>
        </div>
      )}
      <p className="help">
        Key: <code>{formatContentKey(value) || '—'}</code>
      </p>
    </fieldset>
  );
}
