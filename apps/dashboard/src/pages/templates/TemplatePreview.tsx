import type { PersonPreview, RenderedEmailView } from '@bindery/contracts';
import { useProjectReport } from '../../api/hooks';

const FRAME_HEIGHT = 420;

/** A preview request: the sample user's (`preview`) or a real person's (`preview-as`), null while incomplete. */
export interface PreviewRequest {
  path: 'email-templates/preview' | 'email-templates/preview-as';
  body: object | null;
  /** What to say while the request is incomplete. */
  incomplete: string;
}

/**
 * The draft as the API renders it, in the project's layout: subject (and, for a real person, From and To), HTML
 * (in a sandboxed frame: no script, no same-origin access) and text; or the reason it does not render.
 */
export function TemplatePreview({ request }: { request: PreviewRequest }) {
  const { path, body } = request;
  const preview = useProjectReport<RenderedEmailView & Partial<PersonPreview>>(path, body, {
    enabled: body !== null,
  });
  if (body === null) {
    return <div className="state state-empty preview-box">{request.incomplete}</div>;
  }
  if (preview.isError) {
    const message = preview.error.message;
    return (
      <div className="state state-error preview-box" role="alert">
        <p>{message.charAt(0).toUpperCase() + message.slice(1)}</p>
        <p className="help">The variables a template can use are listed under the form.</p>
      </div>
    );
  }
  if (!preview.data) {
    return (
      <div className="state state-loading preview-box" role="status" aria-busy="true">
        <span className="visually-hidden">Rendering the preview…</span>
        <div className="skeleton" style={{ height: FRAME_HEIGHT }} />
      </div>
    );
  }
  const email = preview.data;
  return (
    <div className={preview.isFetching ? 'stack preview-email refreshing' : 'stack preview-email'}>
      <dl className="preview-headers">
        {email.from !== undefined && (
          <div>
            <dt>From</dt>
            <dd>{email.from}</dd>
          </div>
        )}
        {email.to !== undefined && (
          <div>
            <dt>To</dt>
            <dd>{email.to ?? 'no plain email trait: this person gets no training email'}</dd>
          </div>
        )}
        <div>
          <dt>Subject</dt>
          <dd>
            <strong>{email.subject}</strong>
          </dd>
        </div>
      </dl>
      <iframe
        title="HTML preview"
        sandbox=""
        srcDoc={email.html}
        className="preview-frame"
        style={{ height: FRAME_HEIGHT }}
      />
      <div>
        <h3>Text version</h3>
        <pre className="preview-text" aria-label="Text preview">
          {email.text}
        </pre>
      </div>
    </div>
  );
}
