import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a tracked link in an email stands for: the email it is in and the page it leads to. */
export interface TrackedClick {
  projectId: string;
  outboxId: string;
  url: string;
}

/** Distinct from an unsubscribe token's, so that one kind of token is never taken for the other. */
const PURPOSE = 'click';

const sign = (payload: string, key: string) =>
  createHmac('sha256', key).update(`${PURPOSE}.${payload}`).digest('base64url');

/** Whether a link target may be redirected to: an absolute http(s) URL. */
export function isTrackable(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** A click token: the email and the target, and an HMAC over them, so the target cannot be changed. */
export function clickToken(click: TrackedClick, key: string): string {
  const payload = Buffer.from(JSON.stringify([click.projectId, click.outboxId, click.url])).toString(
    'base64url',
  );
  return `${payload}.${sign(payload, key)}`;
}

/** The click a token names, or undefined if it was not signed with `key`, is malformed or leads nowhere safe. */
export function readClickToken(token: string, key: string): TrackedClick | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const [projectId, outboxId, url] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as unknown[];
    return typeof projectId === 'string' &&
      typeof outboxId === 'string' &&
      typeof url === 'string' &&
      isTrackable(url)
      ? { projectId, outboxId, url }
      : undefined;
  } catch {
    return undefined;
  }
}
