import { LimitReached } from './template-limits';
import { TEMPLATE_HELPERS, TemplateEngine } from './template-engine';

describe('TemplateEngine', () => {
  it('greets by the capitalised first name, escaped in HTML, with the fallback the template gives', () => {
    const engine = new TemplateEngine();
    const html = engine.compile('Hi {{firstName user "there"}}, {{firstName account}}.', true, false);
    expect(engine.render(html, { user: { name: 'jun <b>li</b>' }, account: {} })).toBe('Hi Jun, .');
    expect(engine.render(html, { user: { first_name: '<b>' }, account: {} })).toBe('Hi &lt;b&gt;, .');
    expect(engine.render(html, { user: { email: 'x@y.z' }, account: {} })).toBe('Hi there, .');
  });

  it('has the five reading helpers and firstName, and no log', () => {
    const engine = new TemplateEngine();

    expect(engine.helpers().sort()).toEqual(
      [...TEMPLATE_HELPERS, 'blockHelperMissing', 'helperMissing'].sort(),
    );
    expect(() => engine.compile('{{log "to the server log"}}', true, false)).toThrow(
      /knownHelpersOnly, but used the unknown helper log/,
    );
  });

  it('never reads through the prototype', () => {
    const engine = new TemplateEngine();
    const part = engine.compile(
      '[{{user.constructor.name}}][{{lookup user "__proto__"}}][{{user.toString}}]',
      true,
      false,
    );

    expect(engine.render(part, { user: { name: 'Ann' } })).toBe('[][][]');
  });

  it('stops a render whose loops turn more than the budget, however they are nested', () => {
    const engine = new TemplateEngine({ maxIterations: 100, maxOutputChars: 1_000_000 });
    const list = Array.from({ length: 20 }, (_, i) => i);
    const loops = engine.compile(
      '{{#each a}}{{#each ../a}}{{#a}}{{this}}{{/a}}{{/each}}{{/each}}',
      false,
      false,
    );
    const small = engine.compile('{{#each a}}{{this}}{{/each}}', false, false);

    expect(() => engine.render(loops, { a: list })).toThrow(LimitReached);
    // The budget is per render.
    expect(engine.render(small, { a: list })).toBe(list.join(''));
    expect(engine.render(small, { a: list })).toBe(list.join(''));
  });

  it('stops a render that writes more than the output budget', () => {
    const engine = new TemplateEngine({ maxIterations: 1_000, maxOutputChars: 1_000 });
    const part = engine.compile('{{#each a}}{{../big}}{{/each}}', true, false);
    const once = engine.compile('{{big}}{{big}}', true, false);

    expect(() => engine.render(part, { a: [1, 2, 3], big: 'x'.repeat(400) })).toThrow(
      expect.objectContaining({ limit: 'output' }),
    );
    expect(() => engine.render(once, { big: 'x'.repeat(600) })).toThrow(
      expect.objectContaining({ limit: 'output' }),
    );
  });
});
