import { slackField } from './slack-text';

describe('slackField', () => {
  it('escapes what Slack reads as markup, so a trait cannot link, mention or break the line', () => {
    expect(slackField('<!channel> see <https://evil.example|the fix> & more')).toBe(
      '&lt;!channel&gt; see &lt;https://evil.example|the fix&gt; &amp; more',
    );
    expect(slackField('Account acme\n\n*urgent*\r\n<@U123>\u0000\u2028x')).toBe(
      'Account acme *urgent* &lt;@U123&gt; x',
    );
    expect(slackField('&amp;')).toBe('&amp;amp;');
  });

  it('keeps a field short', () => {
    expect(slackField('a'.repeat(600))).toBe(`${'a'.repeat(499)}…`);
    expect(slackField('<'.repeat(10), 5)).toBe(`${'&lt;'.repeat(4)}…`);
  });
});
