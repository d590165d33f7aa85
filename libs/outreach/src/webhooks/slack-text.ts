/**
 * Text for Slack's `text` field from values anyone may have set (traits and ids come with the public write
 * key): `&`, `<` and `>` escaped as Slack documents, so a value cannot write a link, a mention (`<!channel>`)
 * or a user reference; line breaks and other control characters become spaces, so a one-line field stays one.
 */
export function slackField(value: string, maxLength = 500): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const line = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  const cut = line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
  return cut.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
