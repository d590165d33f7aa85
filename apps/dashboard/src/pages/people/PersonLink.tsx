import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';

/** The page of a person, by their canonical id (user id, else anonymous id). */
export const personPath = (id: string) => `/people/${encodeURIComponent(id)}`;

/** A person's id as a link to their page. */
export function PersonLink({ id, children }: { id: string; children?: ReactNode }) {
  return <Link to={personPath(id)}>{children ?? id}</Link>;
}

/** How rule-made tasks name a person: "User <id>" (libs/outreach task wording). */
const MENTION = /\bUser ([^\s(),]+)/g;

/** Text with each "User <id>" it mentions linked to that person's page. */
export function PersonMentions({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const match of text.matchAll(MENTION)) {
    const id = match[1] ?? '';
    const start = (match.index ?? 0) + 'User '.length;
    parts.push(text.slice(at, start), <PersonLink key={start} id={id} />);
    at = start + id.length;
  }
  parts.push(text.slice(at));
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </>
  );
}
