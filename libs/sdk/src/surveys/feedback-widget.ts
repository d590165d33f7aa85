import { type DomDocument, type DomElement } from './dom';

/** A request as the widget lists it. */
export interface FeedbackItem {
  id: string;
  title: string;
  status: string;
  publicNote: string | null;
  votes: number;
  voted: boolean;
}

/** What the widget asks of Bindery: the list, a new request, a vote; each throws with Bindery's message. */
export interface FeedbackApi {
  list(): Promise<FeedbackItem[]>;
  request(title: string, body: string): Promise<void>;
  vote(requestId: string): Promise<void>;
}

const STATUS: Record<string, string> = {
  open: 'Open',
  under_review: 'Under review',
  planned: 'Planned',
  in_progress: 'In progress',
  shipped: 'Shipped',
  declined: 'Declined',
};
const STYLE_ID = 'bindery-feedback-style';
const P = 'bindery-feedback';
const CSS = `.${P}{position:fixed;right:16px;bottom:16px;z-index:2147483647;width:360px;max-height:80vh;overflow:auto;background:#fff;color:#111;border:1px solid #ccc;border-radius:8px;padding:16px;box-shadow:0 4px 16px rgba(0,0,0,.15);font:14px/1.4 system-ui,sans-serif}
.${P} h2{font-size:15px;margin:0 24px 12px 0}
.${P} ul{list-style:none;padding:0;margin:0 0 12px}
.${P} li{display:flex;gap:8px;align-items:center;padding:6px 0;border-top:1px solid #eee}
.${P} li span{flex:1}
.${P} small{color:#555}
.${P} input,.${P} textarea{width:100%;box-sizing:border-box;margin:4px 0 8px}
.${P} button:focus-visible,.${P} input:focus-visible,.${P} textarea:focus-visible{outline:2px solid #1a56db;outline-offset:2px}
.${P}-send{padding:6px 14px;border:0;border-radius:4px;background:#1a56db;color:#fff;cursor:pointer}
.${P}-close{position:absolute;top:8px;right:8px;border:0;background:none;font-size:18px;cursor:pointer;color:#444}`;

function element(doc: DomDocument, tag: string, attributes: Record<string, string> = {}, text?: string) {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * The feedback board as a small non-modal dialog: the requests with their status and votes, a button to vote
 * for each, and a form to ask for something new. Every text is set as text; Escape or × closes it, and focus
 * goes back where it was. Resolves when it is closed.
 */
export async function showFeedbackWidget(doc: DomDocument, api: FeedbackApi): Promise<void> {
  if (!doc.getElementById(STYLE_ID)) doc.head.appendChild(element(doc, 'style', { id: STYLE_ID }, CSS));
  const previous = doc.activeElement;
  const titleId = `${P}-title`;
  const dialog = element(doc, 'div', { role: 'dialog', 'aria-labelledby': titleId, class: P });
  dialog.appendChild(element(doc, 'h2', { id: titleId }, 'Feedback'));
  const close = dialog.appendChild(
    element(doc, 'button', { type: 'button', 'aria-label': 'Close', class: `${P}-close` }, '×'),
  );
  const status = dialog.appendChild(element(doc, 'p', { role: 'status', 'aria-live': 'polite' }));
  const list = dialog.appendChild(element(doc, 'ul', { 'aria-label': 'Requests' }));
  let rows: DomElement[] = [];
  const titleInput = `${P}-new-title`;
  const bodyInput = `${P}-new-body`;
  dialog.appendChild(element(doc, 'label', { for: titleInput }, 'Ask for something'));
  const title = dialog.appendChild(element(doc, 'input', { id: titleInput, maxlength: '200' }));
  dialog.appendChild(element(doc, 'label', { for: bodyInput }, 'Details (optional)'));
  const body = dialog.appendChild(element(doc, 'textarea', { id: bodyInput, maxlength: '5000' }));
  const send = dialog.appendChild(
    element(doc, 'button', { type: 'button', class: `${P}-send` }, 'Send request'),
  );
  doc.body.appendChild(dialog);

  const attempt = async (what: () => Promise<void>, done: string) => {
    try {
      await what();
      status.textContent = done;
      await refresh();
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    }
  };
  async function refresh(): Promise<void> {
    const items = await api.list();
    for (const row of rows) row.remove();
    rows = items.map((item) => {
      const row = list.appendChild(element(doc, 'li'));
      const text = row.appendChild(element(doc, 'span', {}, item.title));
      text.appendChild(element(doc, 'small', {}, ` · ${STATUS[item.status] ?? item.status}`));
      if (item.publicNote) text.appendChild(element(doc, 'small', {}, ` · ${item.publicNote}`));
      const label = `${item.votes} ${item.votes === 1 ? 'vote' : 'votes'}`;
      const vote = row.appendChild(
        element(doc, 'button', { type: 'button', 'aria-label': `Vote for ${item.title} (${label})` }, label),
      );
      vote.setAttribute('aria-pressed', String(item.voted));
      vote.addEventListener('click', () => void attempt(() => api.vote(item.id), 'Thanks for your vote.'));
      return row;
    });
  }
  send.addEventListener('click', () => {
    const asked = title.value.trim();
    if (!asked) {
      status.textContent = 'Say what you would like first.';
      return;
    }
    void attempt(async () => {
      await api.request(asked, body.value.trim());
      title.value = '';
      body.value = '';
    }, 'Thanks: your request was sent.');
  });
  await attempt(async () => undefined, '');
  title.focus();

  return new Promise((resolve) => {
    const finish = () => {
      dialog.remove();
      previous?.focus();
      resolve();
    };
    close.addEventListener('click', finish);
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      finish();
    });
  });
}
