import { type FeedbackStatusName } from '@bindery/contracts';

/** What the public board shows of a request: no person, account or id. */
export interface BoardItem {
  title: string;
  body: string;
  status: FeedbackStatusName;
  publicNote: string | null;
  votes: number;
}

const STATUS_LABELS: Record<FeedbackStatusName, string> = {
  open: 'Open',
  under_review: 'Under review',
  planned: 'Planned',
  in_progress: 'In progress',
  shipped: 'Shipped',
  declined: 'Declined',
};

/** Text made safe for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1f2328}' +
  'h1{font-size:1.5rem}ol{list-style:none;padding:0}li{display:flex;gap:1rem;padding:.75rem 0;border-top:1px solid #d0d7de}' +
  '.votes{min-width:3.5rem;text-align:center;font-weight:600}.votes small{display:block;font-weight:400;color:#57606a}' +
  '.status{display:inline-block;font-size:.8rem;padding:.05rem .5rem;border-radius:1rem;background:#eaeef2;margin-left:.5rem}' +
  '.status-shipped{background:#dafbe1}.status-declined{background:#ffebe9}.status-planned,.status-in_progress{background:#ddf4ff}' +
  'h2{font-size:1rem;margin:0}p{margin:.25rem 0;color:#57606a}.note{color:#1f2328;font-style:italic}';

/** The public board of a project: server-rendered, every text escaped, no script. */
export function boardPage(projectName: string, items: BoardItem[]): string {
  const rows = items
    .map(
      (item) =>
        `<li><div class="votes">${item.votes}<small>${item.votes === 1 ? 'vote' : 'votes'}</small></div>` +
        `<div><h2>${escapeHtml(item.title)}<span class="status status-${item.status}">` +
        `${STATUS_LABELS[item.status]}</span></h2>` +
        (item.body ? `<p>${escapeHtml(item.body)}</p>` : '') +
        (item.publicNote ? `<p class="note">${escapeHtml(item.publicNote)}</p>` : '') +
        `</div></li>`,
    )
    .join('');
  const title = `${escapeHtml(projectName)}: feedback`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${title}</title><style>${STYLE}</style></head><body><h1>${title}</h1>` +
    (rows ? `<ol>${rows}</ol>` : '<p>No requests yet.</p>') +
    `</body></html>`
  );
}
