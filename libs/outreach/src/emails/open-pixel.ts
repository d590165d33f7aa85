import { readSignedToken, signedToken } from './signed-token';

/** What a tracking image stands for: the email it is in. */
export interface TrackedOpen {
  projectId: string;
  outboxId: string;
}

/** An open token: the email, and an HMAC over it (a purpose of its own: a click token is not one). */
export function openToken(open: TrackedOpen, key: string): string {
  return signedToken('open', [open.projectId, open.outboxId], key);
}

/** The email a token names, or undefined if it was not signed with `key` or is malformed. */
export function readOpenToken(token: string, key: string): TrackedOpen | undefined {
  const [projectId, outboxId] = readSignedToken('open', token, key) ?? [];
  return typeof projectId === 'string' && typeof outboxId === 'string' ? { projectId, outboxId } : undefined;
}

/** A transparent 1×1 GIF: what the tracking image answers. */
export const TRANSPARENT_GIF = Buffer.from(
  'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'base64',
);

/** The html with a 1×1 image from `src` at the end of its body (or of the html, without a body tag). */
export function withOpenPixel(html: string, src: string): string {
  const img = `<img src="${src}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`;
  const end = html.toLowerCase().lastIndexOf('</body>');
  return end < 0 ? `${html}${img}` : `${html.slice(0, end)}${img}${html.slice(end)}`;
}
