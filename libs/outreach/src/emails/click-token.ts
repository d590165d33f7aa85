import { readSignedToken, signedToken } from './signed-token';

/** What a tracked link in an email stands for: the email it is in and the page it leads to. */
export interface TrackedClick {
  projectId: string;
  outboxId: string;
  url: string;
}

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
  return signedToken('click', [click.projectId, click.outboxId, click.url], key);
}

/** The click a token names, or undefined if it was not signed with `key`, is malformed or leads nowhere safe. */
export function readClickToken(token: string, key: string): TrackedClick | undefined {
  const [projectId, outboxId, url] = readSignedToken('click', token, key) ?? [];
  return typeof projectId === 'string' &&
    typeof outboxId === 'string' &&
    typeof url === 'string' &&
    isTrackable(url)
    ? { projectId, outboxId, url }
    : undefined;
}
