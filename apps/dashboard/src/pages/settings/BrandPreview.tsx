import { contrast } from '../retention/retention-grid';
import type { BrandDraft } from './settings-changes';

/** The colour of the email layout's rule and links when a project sets none (libs/outreach's brand layout). */
export const DEFAULT_BRAND_COLOR = '#1d4ed8';

const HEX = /^#[0-9a-fA-F]{6}$/;
const WHITE: [number, number, number] = [255, 255, 255];

const rgbOf = (hex: string) =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** The From of the brand's emails: its name and address, MAIL_FROM's for what it leaves out. */
function fromLine(name: string, address: string): string {
  if (name && address) return `${name} <${address}>`;
  if (name) return `${name} <MAIL_FROM’s address>`;
  return address || 'MAIL_FROM as configured';
}

/**
 * A sketch of an email in the brand as typed: the rule and links in its colour, the sender, the logo's address
 * (the dashboard loads no outside images, so the logo itself is not drawn) and the footer; warns when links in
 * the colour would read below WCAG AA on the email's white.
 */
export function BrandPreview({ draft }: { draft: BrandDraft }) {
  const typed = draft.primaryColor.trim();
  const colour = HEX.test(typed) ? typed : DEFAULT_BRAND_COLOR;
  const ratio = contrast(rgbOf(colour), WHITE);
  const logo = draft.logoUrl.trim();
  const name = draft.senderName.trim();
  const address = draft.senderAddress.trim();
  const postal = draft.postalAddress
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

  return (
    <div className="stack brand-preview-box">
      <h3>Preview</h3>
      <div className="brand-preview" role="group" aria-label="Email in this brand">
        <div className="brand-preview-card" style={{ borderTopColor: colour }}>
          {logo && (
            <p className="brand-preview-logo">
              Logo (48 px high):{' '}
              {/^https:\/\//.test(logo) ? (
                <a href={logo} target="_blank" rel="noreferrer" style={{ color: colour }}>
                  {logo}
                </a>
              ) : (
                logo
              )}
            </p>
          )}
          <p className="brand-preview-from">From: {fromLine(name, address)}</p>
          <p>Hi Ada,</p>
          <p>
            You started a report last week: here is{' '}
            <span className="brand-preview-link" style={{ color: colour }}>
              how to share it with your team
            </span>
            .
          </p>
          <div className="brand-preview-footer">
            {postal.length > 0 ? (
              <p>
                {postal.map((line, i) => (
                  <span key={i}>
                    {line}
                    {i < postal.length - 1 && <br />}
                  </span>
                ))}
              </p>
            ) : (
              <p className="error">No postal address: anti-spam laws ask for one.</p>
            )}
            <p>
              {name && `You get this email as a user of ${name}. `}
              <span className="brand-preview-link" style={{ color: colour }}>
                Unsubscribe
              </span>
            </p>
          </div>
        </div>
      </div>
      {typed !== '' && !HEX.test(typed) && (
        <p className="help">“{typed}” is not a #rrggbb colour: the sketch shows the default.</p>
      )}
      {ratio < 4.5 && (
        <p className="help">
          Links in {colour} have a contrast of {ratio.toFixed(1)}:1 on white; WCAG AA asks for 4.5:1, so some
          readers will struggle with them.
        </p>
      )}
    </div>
  );
}
