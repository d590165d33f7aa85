import { type QueryParams, withQuery } from '../api/client';
import { useProjectApi } from '../api/hooks';

/**
 * Downloads one of the project's CSV exports (`/exports/<report>`): a plain link, so that the browser streams
 * the file to disk with the session's cookie instead of holding it in the page.
 */
export function CsvDownload({
  report,
  query,
  label = 'Download CSV',
}: {
  report: 'funnel' | 'dropoffs' | 'features' | 'retention' | 'accounts';
  query?: QueryParams;
  label?: string;
}) {
  const { projectId } = useProjectApi();
  return (
    <a
      className="button-link"
      href={withQuery(`/v1/projects/${projectId}/exports/${report}`, query)}
      download
    >
      {label}
    </a>
  );
}
