import { TemplateCompiler } from './template-compiler';
import { TemplateRefused } from './template-limits';
import { SAMPLE_CONTEXT } from './template-renderer';

const TEMPLATE = {
  subject: 'Tips for {{user.name}}',
  html: '<p>Hi {{user.name}}, read <a href="{{content.url}}">{{content.title}}</a></p>',
  text: 'Hi {{user.name}}, read {{content.title}} at {{content.url}}',
};

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateRefused) return error.failure;
    throw error;
  }
  throw new Error('rendered');
};

describe('TemplateCompiler', () => {
  it('renders the three parts as the main thread did: HTML escaped, the subject one line', () => {
    const compiler = new TemplateCompiler();
    const user = { ...SAMPLE_CONTEXT.user, name: '<b>Ann</b>\r\nBcc: x@example.com' };

    expect(
      compiler.render({ template: TEMPLATE, context: { ...SAMPLE_CONTEXT, user }, strict: true }),
    ).toEqual({
      subject: 'Tips for <b>Ann</b> Bcc: x@example.com',
      html: '<p>Hi &lt;b&gt;Ann&lt;/b&gt;\r\nBcc: x@example.com, read <a href="https://example.com/help/export">Export your reports</a></p>',
      text: 'Hi <b>Ann</b>\r\nBcc: x@example.com, read Export your reports at https://example.com/help/export',
    });
  });

  it('parses each part once, and a template seen before not at all', () => {
    const compiler = new TemplateCompiler();
    const job = { template: TEMPLATE, context: SAMPLE_CONTEXT, strict: false };

    compiler.render(job);
    expect(compiler.parses).toBe(3);
    for (let i = 0; i < 100; i++) compiler.render(job);
    expect(compiler.parses).toBe(3);
  });

  it('explains a render error from the parse it compiled, without parsing again', () => {
    const compiler = new TemplateCompiler();
    const failure = refusal(() =>
      compiler.render({
        template: { ...TEMPLATE, text: 'Hi\n  {{#if user.name}}{{user.nickname}}{{/if}}' },
        context: SAMPLE_CONTEXT,
        strict: true,
      }),
    );

    expect(failure).toEqual({
      kind: 'render',
      part: 'text',
      message: '{{user.nickname}} in the text (line 2, column 22) is not a variable',
    });
    expect(compiler.parses).toBe(3);
  });

  it('says which part does not parse', () => {
    const failure = refusal(() =>
      new TemplateCompiler().render({
        template: { ...TEMPLATE, html: '{{#if user.name}}unclosed' },
        context: SAMPLE_CONTEXT,
        strict: true,
      }),
    );

    expect(failure).toMatchObject({ kind: 'render', part: 'html' });
    expect(failure.message).toMatch(/ \(in the html\)$/);
  });

  it('applies the limits and rules before compiling, whoever asks', () => {
    const compiler = new TemplateCompiler();
    const html = '{{#if 1}}'.repeat(5_500) + '{{/if}}'.repeat(5_500);

    expect(
      refusal(() => compiler.render({ template: { ...TEMPLATE, html }, context: {}, strict: false })),
    ).toMatchObject({
      kind: 'limit',
      limit: 'nesting',
      message: 'html: blocks nested 5500 deep; at most 20',
    });
    // The subject was parsed; the html never was.
    expect(compiler.parses).toBe(1);
    expect(
      refusal(() =>
        compiler.render({ template: { ...TEMPLATE, subject: '{{log "x"}}' }, context: {}, strict: false }),
      ),
    ).toMatchObject({ kind: 'rule', part: 'subject', rule: 'helper' });
  });

  it('refuses a render past the loop budget as a limit of the part', () => {
    const compiler = new TemplateCompiler();
    const loops =
      '{{#each user.tags}}{{#each ../user.tags}}{{#each ../../user.tags}}.{{/each}}{{/each}}{{/each}}';
    const user = { ...SAMPLE_CONTEXT.user, tags: Array.from({ length: 20 }, (_, i) => i) };

    expect(
      refusal(() =>
        compiler.render({
          template: { ...TEMPLATE, text: loops },
          context: { ...SAMPLE_CONTEXT, user },
          strict: false,
        }),
      ),
    ).toMatchObject({
      kind: 'limit',
      part: 'text',
      limit: 'iterations',
      message: 'text: loops run more than 1000 times in one email; at most 1000',
    });
  });
});
