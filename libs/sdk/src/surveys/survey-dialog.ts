import { type DomDocument, type DomElement } from './dom';

/** A survey as Bindery answers the SDK's fetch. */
export interface SurveyPrompt {
  id: string;
  kind: 'nps' | 'csat' | 'open';
  question: string;
}

/** What the person did with the dialog. */
export type DialogResult =
  { outcome: 'answered'; score?: number; comment?: string; answer?: string } | { outcome: 'dismissed' };

const STYLE_ID = 'bindery-survey-style';
const P = 'bindery-survey';
const CSS = `.${P}{position:fixed;right:16px;bottom:16px;z-index:2147483647;max-width:360px;background:#fff;color:#111;border:1px solid #ccc;border-radius:8px;padding:16px;box-shadow:0 4px 16px rgba(0,0,0,.15);font:14px/1.4 system-ui,sans-serif}
.${P} h2{font-size:15px;margin:0 24px 12px 0}
.${P}-scale{display:flex;flex-wrap:wrap;gap:4px;margin-bottom:8px}
.${P}-scale button{min-width:28px;padding:4px;border:1px solid #888;border-radius:4px;background:#fff;color:#111;cursor:pointer}
.${P}-scale button[aria-checked=true]{background:#1a56db;border-color:#1a56db;color:#fff}
.${P}-ends{display:flex;justify-content:space-between;font-size:12px;color:#555;margin-bottom:8px}
.${P} textarea{width:100%;box-sizing:border-box;min-height:56px;margin:4px 0 8px}
.${P} button:focus-visible,.${P} textarea:focus-visible{outline:2px solid #1a56db;outline-offset:2px}
.${P}-send{padding:6px 14px;border:0;border-radius:4px;background:#1a56db;color:#fff;cursor:pointer}
.${P}-send:disabled{background:#9ab;cursor:default}
.${P}-close{position:absolute;top:8px;right:8px;border:0;background:none;font-size:18px;cursor:pointer;color:#444}`;

const SCALES = {
  nps: { min: 0, max: 10, low: 'Not at all likely', high: 'Extremely likely' },
  csat: { min: 1, max: 5, low: 'Very dissatisfied', high: 'Very satisfied' },
} as const;

function element(doc: DomDocument, tag: string, attributes: Record<string, string> = {}, text?: string) {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Shows a survey as a small non-modal dialog in the page's corner and resolves with what the person did. Every
 * text is set as text, never as HTML; the scale is a radio group of buttons, Escape dismisses, and focus goes
 * to the dialog on opening and back where it was on closing.
 */
export function showDialog(doc: DomDocument, survey: SurveyPrompt): Promise<DialogResult> {
  if (!doc.getElementById(STYLE_ID)) doc.head.appendChild(element(doc, 'style', { id: STYLE_ID }, CSS));
  const previous = doc.activeElement;
  const titleId = `${P}-title-${survey.id}`;
  const dialog = element(doc, 'div', { role: 'dialog', 'aria-labelledby': titleId, class: P });
  dialog.appendChild(element(doc, 'h2', { id: titleId }, survey.question));
  const close = dialog.appendChild(
    element(doc, 'button', { type: 'button', 'aria-label': 'Close', class: `${P}-close` }, '×'),
  );
  const scale = survey.kind === 'open' ? undefined : SCALES[survey.kind];
  let score: number | undefined;
  const choices: DomElement[] = [];
  const send = element(doc, 'button', { type: 'button', class: `${P}-send` }, 'Send');
  if (scale) {
    const group = dialog.appendChild(
      element(doc, 'div', { role: 'radiogroup', 'aria-labelledby': titleId, class: `${P}-scale` }),
    );
    for (let n = scale.min; n <= scale.max; n++) {
      const choice = group.appendChild(
        element(doc, 'button', { type: 'button', role: 'radio', 'aria-checked': 'false' }, String(n)),
      );
      choice.addEventListener('click', () => {
        score = n;
        for (const c of choices) c.setAttribute('aria-checked', String(c === choice));
        send.disabled = false;
      });
      choices.push(choice);
    }
    const ends = dialog.appendChild(element(doc, 'div', { class: `${P}-ends`, 'aria-hidden': 'true' }));
    ends.appendChild(element(doc, 'span', {}, `${scale.min}: ${scale.low}`));
    ends.appendChild(element(doc, 'span', {}, `${scale.max}: ${scale.high}`));
  }
  const textId = `${P}-text-${survey.id}`;
  dialog.appendChild(
    element(doc, 'label', { for: textId }, scale ? 'Tell us more (optional)' : 'Your answer'),
  );
  const text = dialog.appendChild(element(doc, 'textarea', { id: textId, maxlength: '5000' }));
  dialog.appendChild(send);
  send.disabled = true;
  if (!scale) text.addEventListener('input', () => (send.disabled = text.value.trim() === ''));
  doc.body.appendChild(dialog);
  (choices[0] ?? text).focus();

  return new Promise((resolve) => {
    const finish = (result: DialogResult) => {
      dialog.remove();
      previous?.focus();
      resolve(result);
    };
    close.addEventListener('click', () => finish({ outcome: 'dismissed' }));
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      finish({ outcome: 'dismissed' });
    });
    send.addEventListener('click', () => {
      const written = text.value.trim();
      if (!scale) return finish({ outcome: 'answered', answer: written });
      finish({ outcome: 'answered', score, ...(written ? { comment: written } : {}) });
    });
  });
}
