import addressparser from 'nodemailer/lib/addressparser';
import { type BrandSettings } from '@bindery/contracts';
import { renderEmail, type RenderedEmail } from '../content/templates/template-renderer';

/** The colour of the header rule and links when a project sets none (AA contrast on white). */
export const DEFAULT_BRAND_COLOR = '#1d4ed8';

/** A readable sans-serif stack that every mail client has a member of. */
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * Bindery's own layout around a project's training and feedback emails: the logo, a rule in the brand colour,
 * the template's HTML, and a footer with the postal address and the unsubscribe link (always there, whatever
 * the template writes). Tables and inline styles, as mail clients need; the text part gets the same footer.
 */
const LAYOUT = {
  subject: '{{subject}}',
  html:
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{subject}}</title>' +
    '<style>a{color:{{color}};}</style></head>' +
    '<body style="margin:0;padding:0;background:#f4f4f5">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5">' +
    '<tr><td align="center" style="padding:24px 12px">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" ' +
    'style="max-width:600px;background:#ffffff;border-top:4px solid {{color}};border-radius:6px">' +
    '{{#if logoUrl}}<tr><td style="padding:24px 32px 0"><img src="{{logoUrl}}" alt="{{senderName}}" height="48" ' +
    'style="display:block;height:48px;max-width:240px;border:0"></td></tr>{{/if}}' +
    `<tr><td style="padding:24px 32px;font-family:${FONT};font-size:16px;line-height:1.5;color:#18181b">` +
    '{{{html}}}</td></tr>' +
    `<tr><td style="padding:16px 32px 24px;border-top:1px solid #e4e4e7;font-family:${FONT};font-size:12px;` +
    'line-height:1.5;color:#52525b">' +
    '{{#if postalLines.length}}<p style="margin:0 0 8px">{{#each postalLines}}{{this}}{{#unless @last}}<br>' +
    '{{/unless}}{{/each}}</p>{{/if}}' +
    '<p style="margin:0">{{#if senderName}}You get this email as a user of {{senderName}}. {{/if}}' +
    '<a href="{{unsubscribeUrl}}" style="color:{{color}}">Unsubscribe</a></p>' +
    '</td></tr></table></td></tr></table></body></html>',
  text: '{{text}}\n\n--\n{{#each postalLines}}{{this}}\n{{/each}}Unsubscribe: {{unsubscribeUrl}}\n',
};

/** An email's parts in the project's layout: the HTML framed, the text with the same footer. */
export function brandEmail(
  email: RenderedEmail,
  brand: BrandSettings,
  unsubscribeUrl: string,
): RenderedEmail {
  const framed = renderEmail(LAYOUT, {
    subject: email.subject,
    html: email.html,
    text: email.text.trimEnd(),
    color: brand.primaryColor ?? DEFAULT_BRAND_COLOR,
    logoUrl: brand.logoUrl ?? null,
    senderName: brand.senderName ?? null,
    postalLines: (brand.postalAddress ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    unsubscribeUrl,
  });
  return { subject: email.subject, html: framed.html, text: framed.text };
}

/**
 * Whom a project's emails to its users come from: its brand's sender name and address (the address of
 * MAIL_FROM when it sets only a name); undefined when it sets neither (MAIL_FROM as it is).
 */
export function brandSender(
  brand: BrandSettings,
  mailFrom: string,
): { name: string | null; address: string } | undefined {
  if (brand.senderAddress === undefined && brand.senderName === undefined) return undefined;
  const address = brand.senderAddress ?? addressparser(mailFrom, { flatten: true })[0]?.address;
  return address ? { name: brand.senderName ?? null, address } : undefined;
}
