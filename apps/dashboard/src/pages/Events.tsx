import type { EventListPage, StoredEvent } from '@bindery/contracts';
import { useProjectPages } from '../api/hooks';
import { PageHeader } from '../components/Layout';
import { PagedList } from '../components/PagedList';
import { useUrlState } from '../components/url-state';
import { eventListQuery, type EventFilterState, LIVE_INTERVAL_MS } from './events/event-format';
import { EventFilters } from './events/EventFilters';
import { EventTable } from './events/EventTable';
import { LiveToggle } from './events/LiveToggle';
import { usePageVisible } from './events/use-page-visible';
import './workflow.css';

/** The newest events as they arrive, for a developer checking that the SDK sends what they meant; filters in the URL. */
export function Events() {
  const { params, patch } = useUrlState();
  const filters: EventFilterState = {
    event: (params.get('event') ?? '').slice(0, 200),
    userId: (params.get('user') ?? '').slice(0, 200),
    accountId: (params.get('account') ?? '').slice(0, 200),
  };
  const live = params.get('live') !== 'off';
  const setFilters = (next: EventFilterState) =>
    patch({ event: next.event, user: next.userId, account: next.accountId });
  const visible = usePageVisible();
  const pages = useProjectPages<EventListPage, StoredEvent>(
    'events',
    eventListQuery(filters),
    (p) => p.events,
    {
      refetchInterval: live ? LIVE_INTERVAL_MS : false,
    },
  );
  const filtered = filters.event !== '' || filters.userId !== '' || filters.accountId !== '';

  return (
    <>
      <PageHeader title="Events">
        <LiveToggle
          live={live}
          visible={visible}
          updatedAt={pages.dataUpdatedAt}
          onToggle={() => patch({ live: live ? 'off' : null })}
        />
      </PageHeader>
      <div className="stack">
        <EventFilters applied={filters} onApply={setFilters} />
        {/* A live poll refreshes in place; only a change of filters dims the old rows. */}
        <div className={pages.isPlaceholderData ? undefined : 'quiet-refresh'}>
          <PagedList
            pages={pages}
            noun="event"
            minHeight={420}
            empty={
              filtered
                ? 'No events match these filters. Event names are case-sensitive.'
                : 'No events yet. Send one with the SDK (or any Segment or PostHog client) and it shows up here within seconds.'
            }
          >
            {(events) => <EventTable events={events} />}
          </PagedList>
        </div>
      </div>
    </>
  );
}
