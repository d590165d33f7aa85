import type { RenderedEmailView, TemplatePreviewBody } from '@bindery/contracts';
import { useProjectReport } from '../../api/hooks';

const FRAME_HEIGHT = 300;

/**
 * The draft as the API renders it for the sample user: subject, HTML (in a sandboxed frame: no script,
 * no same-origin access) and text; or the reason it does not render.
 */
export function TemplatePreview({ body }: { body: TemplatePreviewBody | null }) {
  const preview = useProjectReport<RenderedEmailView>('email-templates/preview', body, {
    enabled: body !== null,
  });
  if (body === null) {
    return (
      <div className="state state-empty preview-box">
        Fill in the subject, the HTML and the text to see the preview.
      </div>
    );
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
      <div className="preview-subject">
        <span className="muted">Subject</span>
        <strong>{email.subject}</strong>
      </div>
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
