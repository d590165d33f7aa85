import { exceededLimit, nestingDepth, TEMPLATE_LIMITS } from './template-limits';

const nested = (depth: number, inner = 'x') => '{{#if 1}}'.repeat(depth) + inner + '{{/if}}'.repeat(depth);

describe('nestingDepth', () => {
  it('counts blocks inside one another, not side by side', () => {
    expect(nestingDepth('plain text, {{user.name}}')).toBe(0);
    expect(nestingDepth(nested(1))).toBe(1);
    expect(nestingDepth(nested(3))).toBe(3);
    expect(nestingDepth(nested(2).repeat(50))).toBe(2);
    expect(nestingDepth('{{#each a}}{{#with b}}{{/with}}{{/each}}{{#if c}}{{/if}}')).toBe(2);
  });

  it('reads every way Handlebars opens a block', () => {
    expect(
      nestingDepth(
        '{{~#if a~}}{{^unless b}}{{#> layout}}{{#*inline "x"}}{{/inline}}{{/layout}}{{/unless}}{{/if}}',
      ),
    ).toBe(4);
    expect(nestingDepth('{{{{raw}}}}{{#if a}}{{/if}}{{/if}}{{{{/raw}}}}{{#if b}}{{/if}}')).toBe(1);
  });

  it('counts each {{else if}} as a level until the block closes, and a plain else as none', () => {
    expect(nestingDepth('{{#if a}}{{else}}{{^}}{{/if}}')).toBe(1);
    expect(nestingDepth('{{#if a}}1{{else if b}}2{{else if c}}3{{/if}}{{#if d}}{{/if}}')).toBe(3);
  });

  it('counts sub-expressions as levels under their mustache', () => {
    expect(nestingDepth('{{lookup (lookup (lookup user "a") "b") "c"}}')).toBe(2);
    expect(nestingDepth('{{#if (lookup user "a")}}{{/if}}')).toBe(1);
    expect(nestingDepth('{{#if a}}{{lookup (lookup user "a") "b"}}{{/if}}')).toBe(2);
  });

  it('skips comments, escaped mustaches and strings, as the lexer does', () => {
    expect(nestingDepth('{{!-- {{#if a}}{{#if b}} --}}{{! {{#if c}} }}')).toBe(0);
    expect(nestingDepth('\\{{#if a}}\\{{#if b}}')).toBe(0);
    expect(nestingDepth('{{lookup user ")}}(((("}}')).toBe(0);
    expect(nestingDepth('{{lookup user "a\\"((("}}')).toBe(0);
  });

  it('is never fooled into counting less: an escaped close is text, not a close', () => {
    expect(nestingDepth(`${'{{#if 1}}\\{{/if}}'.repeat(30)}`)).toBe(30);
  });

  it('scans 5,500 nested blocks in milliseconds, where parsing them took 25 s', () => {
    const source = nested(5_500);
    const started = performance.now();

    expect(nestingDepth(source)).toBe(5_500);
    // About 1 ms once warm; the bound leaves room for a cold, shared machine.
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('exceededLimit', () => {
  it('names the part, the limit and the value', () => {
    expect(exceededLimit('html', nested(5_500))).toEqual({
      kind: 'limit',
      part: 'html',
      limit: 'nesting',
      value: 5_500,
      max: TEMPLATE_LIMITS.maxNesting,
      message: 'html: blocks nested 5500 deep; at most 20',
    });
    expect(exceededLimit('text', 'é'.repeat(40_000))?.message).toBe('text: 80000 bytes; at most 65536');
  });

  it('passes a template at the limits', () => {
    expect(exceededLimit('html', nested(TEMPLATE_LIMITS.maxNesting))).toBeUndefined();
    expect(exceededLimit('subject', 'x'.repeat(TEMPLATE_LIMITS.maxBytes))).toBeUndefined();
  });
});
