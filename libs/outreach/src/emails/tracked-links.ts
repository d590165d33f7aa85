import { isTrackable } from './click-token';

/** The `href` of an `<a>` tag, as a template renders it (double or single quotes). */
const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gi;

/** The characters Handlebars escapes in an attribute, back to what they stand for. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&#x60;': '`',
  '&#x3D;': '=',
};
const decode = (text: string) =>
  text.replace(/&(?:amp|lt|gt|quot|#x27|#39|#x60|#x3D);/g, (e) => ENTITIES[e] ?? e);

/**
 * The html with each link to an http(s) page replaced by `track(page)`, except those `keep` names (the
 * unsubscribe link stays direct). The tracked link is plain URL-safe text, so it needs no escaping.
 */
export function trackLinks(
  html: string,
  track: (url: string) => string,
  keep: (url: string) => boolean,
): string {
  return html.replace(HREF, (whole, start: string, quote: string, raw: string) => {
    const url = decode(raw);
    return isTrackable(url) && !keep(url) ? `${start}${quote}${track(url)}${quote}` : whole;
  });
}
