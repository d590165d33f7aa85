import type { MessageStats } from '@bindery/contracts';
import { type Column, SortableTable } from '../../components/SortableTable';
import { formatInt, formatPercent } from '../../format';

/** A row of the email funnel: a template or a rule, and what its emails did. */
export interface FunnelRow extends MessageStats {
  key: string;
  name: string;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** `n (x% of sent)`, the funnel's steps after sent. */
function ofSent(part: number, sent: number) {
  return sent === 0 ? formatInt(part) : `${formatInt(part)} (${formatPercent(share(part, sent))})`;
}

/** Opens, when shown: a column marked unreliable, since image blocking and proxies skew them both ways. */
const OPENED: Column<FunnelRow> = {
  key: 'opened',
  header: 'Opened (unreliable)',
  render: (r) => ofSent(r.opened, r.sent),
  sortValue: (r) => share(r.opened, r.sent),
  align: 'right',
};

/**
 * The columns: the funnel sent → clicked → converted first (opens after sent, if shown), then what kept emails
 * from arriving.
 */
export function funnelColumns(header: string, opens = false): Column<FunnelRow>[] {
  return [
    { key: 'name', header, render: (r) => r.name, sortValue: (r) => r.name.toLowerCase() },
    {
      key: 'sent',
      header: 'Sent',
      render: (r) => formatInt(r.sent),
      sortValue: (r) => r.sent,
      align: 'right',
    },
    ...(opens ? [OPENED] : []),
    {
      key: 'clicked',
      header: 'Clicked',
      render: (r) => ofSent(r.clicked, r.sent),
      sortValue: (r) => share(r.clicked, r.sent),
      align: 'right',
    },
    {
      key: 'converted',
      header: 'Converted',
      render: (r) => ofSent(r.converted, r.sent),
      sortValue: (r) => share(r.converted, r.sent),
      align: 'right',
    },
    {
      key: 'written',
      header: 'Written',
      render: (r) => formatInt(r.written),
      sortValue: (r) => r.written,
      align: 'right',
    },
    {
      key: 'failed',
      header: 'Failed',
      render: (r) =>
        r.bounced ? `${formatInt(r.failed)} (${formatInt(r.bounced)} bounced)` : formatInt(r.failed),
      sortValue: (r) => r.failed,
      align: 'right',
    },
    {
      key: 'suppressed',
      header: 'Suppressed',
      render: (r) => formatInt(r.suppressed),
      sortValue: (r) => r.suppressed,
      align: 'right',
    },
    {
      key: 'unsubscribed',
      header: 'Unsubscribed',
      render: (r) => formatInt(r.unsubscribed),
      sortValue: (r) => r.unsubscribed,
      align: 'right',
    },
  ];
}

/** The email funnel of templates or rules, most sent first; opens only if asked (`opens`). */
export function MessageFunnel({
  rows,
  header,
  caption,
  opens = false,
}: {
  rows: FunnelRow[];
  header: string;
  caption: string;
  opens?: boolean;
}) {
  return (
    <SortableTable
      rows={rows}
      columns={funnelColumns(header, opens)}
      rowKey={(r) => r.key}
      caption={caption}
      initialSort={{ key: 'sent', direction: 'desc' }}
    />
  );
}
