/** Where a sign-in leads: the page the link named, so that a deep link survives signing in. */
export function signInTarget(location: { pathname: string; search: string; hash: string }): string {
  if (location.pathname !== '/sign-in') return `${location.pathname}${location.search}${location.hash}`;
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  // Only a path of this site: `//host` or `/\host` would leave it.
  return /^\/(?![/\\])/.test(next) ? next : '/';
}
