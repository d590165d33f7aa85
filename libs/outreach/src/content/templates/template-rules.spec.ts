import Handlebars from 'handlebars';
import { type TemplateFailure, type TemplatePart } from './template-limits';
import { brokenRule } from './template-rules';

const broken = (source: string, part: TemplatePart = 'html') =>
  brokenRule(Handlebars.parseWithoutProcessing(source), part) as
    (TemplateFailure & { rule?: string }) | undefined;

describe('brokenRule', () => {
  it('passes what templates are for: variables, if, unless, each, with, lookup', () => {
    expect(
      broken(
        '{{#if user.name}}{{user.name}}{{else if account.name}}{{account.name}}{{/if}}' +
          '{{#unless feature}}-{{/unless}}{{#each user.tags}}{{this}}{{/each}}' +
          '{{#with content}}{{title}}{{/with}}{{lookup user "email"}}{{#if (lookup user "id")}}x{{/if}}',
      ),
    ).toBeUndefined();
  });

  it('refuses the log helper and any other helper, naming it and where it is', () => {
    expect(broken('Hi\n  {{log "written to the server log"}}')).toEqual({
      kind: 'rule',
      part: 'html',
      rule: 'helper',
      message:
        'html: {{log}} (line 2, column 3) is not available; helpers: if, unless, each, with, lookup, firstName',
    });
    expect(broken('{{#if (helperMissing "x")}}{{/if}}', 'text')?.rule).toBe('helper');
    expect(broken('{{#blockHelperMissing user}}{{/blockHelperMissing}}')?.rule).toBe('helper');
  });

  it('refuses partials and decorators, which can call each other without end', () => {
    expect(broken('{{> header}}')?.rule).toBe('partial');
    expect(broken('{{#> layout}}x{{/layout}}')?.rule).toBe('partial');
    expect(broken('{{#*inline "a"}}{{> a}}{{> a}}{{/inline}}{{> a}}')?.rule).toBe('decorator');
  });

  it('refuses unescaped trait output in the HTML, however it is written', () => {
    for (const source of [
      '<p>{{{user.name}}}</p>',
      '<p>{{& account.name}}</p>',
      '{{{feature}}}',
      '{{{this.user.name}}}',
      '{{{@root.user.name}}}',
      '{{#with user}}{{{name}}}{{/with}}',
      '{{#each user.tags}}{{{this}}}{{/each}}',
      '{{#user}}{{{name}}}{{/user}}',
      '{{#with user}}{{{content.summary}}}{{/with}}',
      '{{#each user.tags as |tag|}}{{{tag}}}{{/each}}',
      '{{{lookup content "summary"}}}',
    ]) {
      expect({ source, rule: broken(source)?.rule }).toEqual({ source, rule: 'unescaped_output' });
    }
    expect(broken('<p>{{{user.name}}}</p>')?.message).toBe(
      'html: {{{user.name}}} (line 1, column 4) would write data into the HTML unescaped; write {{user.name}}. ' +
        'Only content.title, content.summary, content.url, unsubscribeUrl may be written unescaped, outside ' +
        '{{#each}} and {{#with}}',
    );
  });

  it('lets the project’s own content and the unsubscribe link through unescaped, and any of it in plain text', () => {
    expect(
      broken(
        '{{{content.summary}}}{{{content.title}}}{{& content.url}}{{{unsubscribeUrl}}}{{{"<hr>"}}}' +
          '{{#if user.name}}{{{content.summary}}}{{/if}}{{#each user.tags}}{{{@root.content.summary}}}{{/each}}',
      ),
    ).toBeUndefined();
    expect(broken('{{{user.name}}}', 'text')).toBeUndefined();
    expect(broken('{{{user.name}}}', 'subject')).toBeUndefined();
  });

  it('counts nesting exactly on the parse tree', () => {
    const nested = (n: number) => '{{#if 1}}'.repeat(n) + '{{/if}}'.repeat(n);
    expect(broken(nested(20))).toBeUndefined();
    expect(broken(nested(21))?.message).toBe('html: blocks nested 21 deep; at most 20');
    const chain = `{{#if a}}${Array.from({ length: 21 }, (_, i) => `{{else if b${i}}}`).join('')}{{/if}}`;
    expect(broken(chain)?.message).toBe('html: blocks nested 22 deep; at most 20');
  });
});
