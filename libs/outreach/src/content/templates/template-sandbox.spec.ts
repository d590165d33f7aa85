import { DomainError } from '@bindery/contracts';
import { SAMPLE_CONTEXT } from './template-renderer';
import { TemplateSandbox } from './template-sandbox';

const TEMPLATE = {
  subject: 'Tips for {{user.name}}',
  html: '<p>Hi {{user.name}}, read <a href="{{content.url}}">{{content.title}}</a></p>',
  text: 'Hi {{user.name}}, read {{content.title}} at {{content.url}}',
};

describe('TemplateSandbox', () => {
  const sandbox = new TemplateSandbox();
  afterAll(() => sandbox.onModuleDestroy());

  const refusal = async (check: Promise<unknown>) => {
    const error = await check.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
    return error as DomainError;
  };

  it('accepts every documented variable', async () => {
    await expect(
      sandbox.check({
        subject: '{{user.first_name}} {{user.last_name}} {{account.name}} {{feature}}',
        html: '{{content.summary}} {{unsubscribeUrl}} {{user.id}} {{user.email}} {{account.id}}',
        text: '{{content.title}} {{content.url}}',
      }),
    ).resolves.toBeUndefined();
  });

  it('names the unknown variable, the part and the place', async () => {
    const why = async (t: typeof TEMPLATE) => (await refusal(sandbox.check(t))).message;

    expect(await why({ ...TEMPLATE, text: 'Hi\n  {{#if user.name}}{{user.nickname}}{{/if}}' })).toBe(
      'template does not render: {{user.nickname}} in the text (line 2, column 22) is not a variable',
    );
    expect(await why({ ...TEMPLATE, subject: 'For {{plan}}' })).toBe(
      'template does not render: {{plan}} in the subject (line 1, column 7) is not a variable',
    );
    expect(await why({ ...TEMPLATE, html: '{{#if user.name}}unclosed' })).toMatch(
      /^template does not render: .+ \(in the html\)$/s,
    );
  });

  it('previews with the sample user’s traits overridden, escaped in the HTML', async () => {
    expect(await sandbox.preview(TEMPLATE, { name: '<i>Bo</i>' })).toEqual({
      subject: 'Tips for <i>Bo</i>',
      html: '<p>Hi &lt;i&gt;Bo&lt;/i&gt;, read <a href="https://example.com/help/export">Export your reports</a></p>',
      text: 'Hi <i>Bo</i>, read Export your reports at https://example.com/help/export',
    });
  });

  it('refuses 5,500 nested blocks at once, naming the limit, the part and the value', async () => {
    const html = '{{#if 1}}'.repeat(5_500) + '{{/if}}'.repeat(5_500);
    const started = performance.now();
    const error = await refusal(sandbox.check({ ...TEMPLATE, html }));

    expect(performance.now() - started).toBeLessThan(500);
    expect(error.message).toBe('html: blocks nested 5500 deep; at most 20');
    expect(error.details).toEqual({ part: 'html', limit: 'nesting', value: 5_500, max: 20 });
  });

  it('refuses a part over 64 KB', async () => {
    const error = await refusal(sandbox.preview({ ...TEMPLATE, text: 'x'.repeat(70_000) }));

    expect(error.message).toBe('text: 70000 bytes; at most 65536');
  });

  it('refuses the log helper and unescaped traits, with the rule in the details', async () => {
    const log = await refusal(sandbox.check({ ...TEMPLATE, text: '{{log "hello from a template"}}' }));
    expect(log.details).toEqual({ part: 'text', rule: 'helper' });

    const raw = await refusal(sandbox.check({ ...TEMPLATE, html: '<p>{{{user.name}}}</p>' }));
    expect(raw.message).toMatch(
      /^html: \{\{\{user\.name\}\}\} \(line 1, column 4\) would write data into the HTML unescaped/,
    );
    expect(raw.details).toEqual({ part: 'html', rule: 'unescaped_output' });

    await expect(
      sandbox.check({ ...TEMPLATE, html: '<div>{{{content.summary}}}</div>' }),
    ).resolves.toBeUndefined();
  });

  it('renders a training email in the worker, a missing trait empty', async () => {
    const user = { id: 'u', email: 'u@example.com' };

    expect(await sandbox.render(TEMPLATE, { ...SAMPLE_CONTEXT, user })).toEqual({
      subject: 'Tips for',
      html: '<p>Hi , read <a href="https://example.com/help/export">Export your reports</a></p>',
      text: 'Hi , read Export your reports at https://example.com/help/export',
    });
  });
});
