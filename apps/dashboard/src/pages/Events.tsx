import { useState } from 'react';
import type { EventListPage, StoredEvent } from '@bindery/contracts';
import { useProjectPages } from '../api/hooks';
import { PageHeader } from '../components/Layout';
import { PagedList } from '../components/PagedList';
import {
  eventListQuery,
  type EventFilterState,
  LIVE_INTERVAL_MS,
  NO_EVENT_FILTERS,
} from './events/event-format';
import { EventFilters } from './events/EventFilters';
import { EventTable } from './events/EventTable';
import { LiveToggle } from './events/LiveToggle';
import { usePageVisible } from './events/use-page-visible';
import './workflow.css';

/** The newest events as they arrive, for a developer checking that the SDK sends what they meant. */
export function Events() {
  const [filters, setFilters] = useState<EventFilterState>(NO_EVENT_FILTERS);
  const [live, setLive] = useState(true);
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
          onToggle={() => setLive((l) => !l)}
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
