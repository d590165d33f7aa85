/** The secret of an emailed link: after `#`, so that it never reaches a server's logs or a Referer header. */
export function linkToken(hash: string): string {
  return decodeURIComponent(hash.replace(/^#/, ''));
}
