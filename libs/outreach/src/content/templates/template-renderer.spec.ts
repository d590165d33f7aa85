import { renderEmail, SAMPLE_CONTEXT, TEMPLATE_VARIABLES } from './template-renderer';

const TEMPLATE = {
  subject: 'Tips for {{user.name}}',
  html: '<p>Hi {{user.name}}, read <a href="{{content.url}}">{{content.title}}</a></p>',
  text: 'Hi {{user.name}}, read {{content.title}} at {{content.url}}',
};

describe('renderEmail', () => {
  it('escapes user data in HTML and keeps it as written in the text part', () => {
    const mail = renderEmail(TEMPLATE, {
      ...SAMPLE_CONTEXT,
      user: { ...SAMPLE_CONTEXT.user, name: '<script>x</script> & "Co"' },
    });

    expect(mail.html).toBe(
      '<p>Hi &lt;script&gt;x&lt;/script&gt; &amp; &quot;Co&quot;, read <a href="https://example.com/help/export">Export your reports</a></p>',
    );
    expect(mail.text).toBe(
      'Hi <script>x</script> & "Co", read Export your reports at https://example.com/help/export',
    );
  });

  it('keeps the subject to one line, whatever the data holds', () => {
    const mail = renderEmail(TEMPLATE, {
      ...SAMPLE_CONTEXT,
      user: { ...SAMPLE_CONTEXT.user, name: 'Ann\r\nBcc: everyone@example.com\r\n\r\nbody' },
    });

    expect(mail.subject).toBe('Tips for Ann Bcc: everyone@example.com body');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('renders a missing trait empty when sending', () => {
    const user = { id: 'u', email: 'u@example.com' };

    expect(renderEmail(TEMPLATE, { ...SAMPLE_CONTEXT, user }).subject).toBe('Tips for');
  });
});

describe('TEMPLATE_VARIABLES', () => {
  it('lists every variable of the sample context, the list the error and the API docs give', () => {
    expect(TEMPLATE_VARIABLES).toBe(
      'user.id, user.email, user.name, user.first_name, user.last_name, account.id, account.name, feature, ' +
        'featureName, content.title, content.url, content.summary, unsubscribeUrl',
    );
  });
});
