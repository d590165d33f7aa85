import type { Rule, SavedFunnel, TrainingContent } from '@bindery/contracts';
import { Link } from 'react-router';
import { missingContent } from './content-check';

/**
 * The enabled rules whose training emails would be skipped for want of training content, and what to add: shown
 * on the rules and the content pages, so that nobody learns of it from a column of skipped emails.
 */
export function SkippedEmailsWarning({
  rules,
  funnels,
  content,
}: {
  rules: Rule[];
  funnels: SavedFunnel[];
  content: TrainingContent[];
}) {
  const keys = new Set(content.map((c) => c.key));
  const lacking = rules
    .filter((r) => r.enabled)
    .map((r) => ({ rule: r, missing: missingContent(r, keys, funnels) ?? [] }))
    .filter((x) => x.missing.length > 0);
  if (lacking.length === 0) return null;
  return (
    <section className="card stack skipped-warning" role="note" aria-labelledby="skipped-heading">
      <h2 id="skipped-heading">Some training emails will be skipped</h2>
      <ul>
        {lacking.map(({ rule, missing }) => (
          <li key={rule.id}>
            <Link to={`/rules?edit=${rule.id}`}>{rule.name}</Link> lacks {missing.join('; ')}.
          </li>
        ))}
      </ul>
      <p>
        <Link to="/content?edit=new">Add training content</Link>: until then its emails are written to the
        outbox as skipped, with the reason.
      </p>
    </section>
  );
}
