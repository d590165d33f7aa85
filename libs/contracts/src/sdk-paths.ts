/**
 * The paths the stock SDKs call, from any web page: ingest (Segment, its browser SDK's one-letter paths and
 * batch, PostHog capture, RudderStack's beacon) and the configuration they load first. Browsers on any origin
 * may call them; the project APIs answer no foreign origin.
 */
export const SDK_PATH = new RegExp(
  '^/(' +
    [
      'v1/(batch|track|identify|group|page|screen|alias|[tigpsab])',
      'batch|capture|e|i/v0/e|flags|decide',
      'array/[^/?]+/config(\\.js)?',
      'beacon/v1/batch',
      'sourceConfig',
      'v1/projects/wk_[^/?]+/settings',
      'sdk/segment/[^/?]+/settings',
      'v1/surveys',
      'v1/feedback/(list|requests|votes)',
    ].join('|') +
    ')/?(\\?|$)',
);

/** The request headers the stock SDKs send: Segment's retry count, RudderStack's identity and retry headers. */
export const SDK_REQUEST_HEADERS = [
  'content-type',
  'authorization',
  'content-encoding',
  'x-retry-count',
  'anonymousid',
  'sentat',
  'rsa-retry-attempt',
  'rsa-since-last-attempt',
  'rsa-since-first-attempt',
  'rsa-retry-reason',
  'rsa-recovered',
];

const SEGMENT_SETTINGS = /^\/v1\/projects\/(wk_[^/?]+)\/settings\/?(\?.*)?$/;

/**
 * Segment's browser SDK loads its settings from `/v1/projects/<writeKey>/settings`, where the project APIs
 * have a project id; the HTTP app rewrites that URL to `/sdk/segment/<writeKey>/settings` before routing.
 */
export function rewriteSdkUrl(url: string): string {
  const match = SEGMENT_SETTINGS.exec(url);
  return match ? `/sdk/segment/${match[1]}/settings${match[2] ?? ''}` : url;
}
