import type { EventListPage, PersonDetail, StoredEvent } from '@bindery/contracts';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useProjectGet, useProjectPages } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { PagedList } from '../components/PagedList';
import { RelativeTime } from '../components/RelativeTime';
import { Section } from '../components/Section';
import { formatDateTime, formatInt } from '../format';
import { accountPath } from './accounts/account-rows';
import { EventTable } from './events/EventTable';
import './accounts.css';
import './people/person.css';

export const TIMELINE_PAGE_SIZE = 25;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function traitText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One person: who they are (ids, traits), when they were seen, their accounts, what Bindery did, their events. */
export function Person() {
  const { personId = '' } = useParams();
  const path = `people/${encodeURIComponent(personId)}`;
  // Another person's data must not stand in while this one loads.
  const detail = useProjectGet<PersonDetail>(path, {}, { placeholderData: undefined });
  const notFound = detail.isError && detail.error.status === 404;
  const name = detail.data
    ? (text(detail.data.traits.name) ?? text(detail.data.traits.email) ?? detail.data.id)
    : personId;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/events">Events</Link> <span aria-hidden="true">/</span>
      </nav>
      {notFound ? (
        <>
          <PageHeader title="Person not found" />
          <div className="state state-empty" style={{ minHeight: 200 }}>
            <p>
              Nothing is stored about <code>{personId}</code> in this project: no event and no trait carries
              this id, or the person was deleted.
            </p>
            <Link to="/events">Back to the events</Link>
          </div>
        </>
      ) : (
        <>
          <PageHeader title={name} />
          <DataState query={detail} label="the person" minHeight={320}>
            {(person) => (
              <div className="stack">
                <PersonFacts person={person} />
                <PersonWork person={person} />
                <Timeline path={`${path}/events`} />
              </div>
            )}
          </DataState>
        </>
      )}
    </>
  );
}

/** The person at a glance: ids, email, when seen, accounts, actions, and every other trait. */
function PersonFacts({ person }: { person: PersonDetail }) {
  const email = text(person.traits.email);
  const other = Object.entries(person.traits).filter(([k]) => k !== 'email' && k !== 'name');
  return (
    <dl className="facts card">
      <Fact term="Person id">
        <code>{person.id}</code>
      </Fact>
      <Fact term="Email" wide>
        {email ? <a href={`mailto:${email}`}>{email}</a> : <span className="muted">none</span>}
      </Fact>
      <Fact term="First seen">{formatDateTime(person.firstSeenAt)}</Fact>
      <Fact term="Last seen">
        <RelativeTime iso={person.lastSeenAt} />
      </Fact>
      <Fact term="Actions">{formatInt(person.eventCount)}</Fact>
      <Fact term="Accounts" wide>
        {person.accounts.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          person.accounts.map((a, i) => (
            <span key={a}>
              {i > 0 && ', '}
              <Link to={accountPath(a)}>{a}</Link>
            </span>
          ))
        )}
      </Fact>
      {person.ids.length > 1 && (
        <Fact term="Also known as" wide>
          {person.ids.filter((id) => id !== person.id).join(', ')}
        </Fact>
      )}
      {person.notMerged.length > 0 && (
        <Fact term="Not merged" wide>
          {person.notMerged.map((l) => (
            <div key={`${l.id}|${l.userId}`}>
              {l.id} → {l.userId}:{' '}
              {l.reason === 'known_user'
                ? `${l.id} is a user of its own`
                : `linked to ${l.mergedInto ?? 'another user'} first`}
            </div>
          ))}
        </Fact>
      )}
      {other.map(([k, v]) => (
        <Fact key={k} term={k}>
          {traitText(v)}
        </Fact>
      ))}
    </dl>
  );
}

function Fact({ term, wide, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What Bindery raised and sent about the person: open signals, tasks, emails. */
function PersonWork({ person }: { person: PersonDetail }) {
  return (
    <div className="grid account-pair">
      <Section title="Open signals and tasks">
        {person.signals.length === 0 && person.tasks.length === 0 ? (
          <div className="state state-empty">No open signal and no task about this person.</div>
        ) : (
          <ul className="person-list">
            {person.signals.map((s) => (
              <li key={s.id}>
                {s.ruleName} <span className="muted">(signal,</span> <RelativeTime iso={s.createdAt} />
                <span className="muted">)</span>
              </li>
            ))}
            {person.tasks.map((t) => (
              <li key={t.id}>
                <Link to={`/tasks?task=${encodeURIComponent(t.id)}`}>{t.title}</Link>{' '}
                <span className="muted">({t.priority})</span> <span className="muted">({t.status})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Emails">
        {person.emails.length === 0 ? (
          <div className="state state-empty">No email to or about this person.</div>
        ) : (
          <ul className="person-list">
            {person.emails.map((e) => (
              <li key={e.id}>
                {e.subject || <span className="muted">(no subject)</span>}{' '}
                <span className="muted">
                  {e.status}, <RelativeTime iso={e.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** The person's events, newest first, a page at a time. */
function Timeline({ path }: { path: string }) {
  const pages = useProjectPages<EventListPage, StoredEvent>(
    path,
    { limit: TIMELINE_PAGE_SIZE },
    (page) => page.events,
  );
  return (
    <Section title="Timeline">
      <PagedList pages={pages} noun="event" minHeight={240} empty="No event of this person is stored.">
        {(events) => <EventTable events={events} />}
      </PagedList>
    </Section>
  );
}
