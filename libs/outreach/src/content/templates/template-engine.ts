import Handlebars from 'handlebars';
import { firstName } from './first-name';
import { LimitReached, TEMPLATE_LIMITS } from './template-limits';

/**
 * The helpers a template may call: Handlebars' built-ins that only read the data they are given, and
 * `firstName` (`{{firstName user "there"}}`: the capitalised first name, else the fallback).
 */
export const TEMPLATE_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'firstName'] as const;

export type CompiledPart = Handlebars.TemplateDelegate;

/** The compiler stages a Handlebars environment exposes and its type declarations leave out. */
interface HandlebarsCompilers {
  parse(input: hbs.AST.Program | string, options: object): hbs.AST.Program;
  Compiler: new () => { compile(ast: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => {
    compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpecification;
  };
  template(spec: TemplateSpecification): CompiledPart;
}

/**
 * An isolated Handlebars environment for email templates: no `log` helper (a template must not write to the
 * server's log), no `inline` decorator (inline partials can call each other without end), nothing but the
 * {@link TEMPLATE_HELPERS}, prototype access off (Handlebars' default, never loosened here), and a budget per
 * render: loop iterations and output characters.
 */
export class TemplateEngine {
  private readonly handlebars = Handlebars.create();
  /** What the render under way has used: loop turns and characters written by them. */
  private readonly used = { iterations: 0, chars: 0 };

  constructor(private readonly limits: { maxIterations: number; maxOutputChars: number } = TEMPLATE_LIMITS) {
    this.handlebars.unregisterHelper('log');
    // Handlebars' logger (shared by every environment) writes a denied prototype lookup to the console, with a
    // name the template chose: a template's author must not write to the server's log.
    this.handlebars.logger.level = Number.MAX_SAFE_INTEGER;
    this.handlebars.unregisterDecorator('inline');
    // Handlebars passes its options last: the arguments the template gave are the ones before.
    this.handlebars.registerHelper('firstName', (...args: unknown[]) => {
      const [value, fallback] = args.slice(0, -1);
      return firstName(value, fallback ?? '');
    });
    const each = this.handlebars.helpers.each as Handlebars.HelperDelegate;
    const { used } = this;
    const { maxIterations, maxOutputChars } = limits;
    // Every loop, `{{#each}}` or a block over a list (which Handlebars runs through `each`), counts its turns.
    this.handlebars.registerHelper(
      'each',
      function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
        const turn = options.fn;
        const counted = Object.assign((value: unknown, runtime?: Handlebars.RuntimeOptions) => {
          if (++used.iterations > maxIterations) throw new LimitReached('iterations', maxIterations);
          const out = turn(value, runtime);
          used.chars += out.length;
          if (used.chars > maxOutputChars) throw new LimitReached('output', maxOutputChars);
          return out;
        }, turn);
        return each.call(this, context, { ...options, fn: counted }) as string;
      },
    );
  }

  /** The helpers this environment has: the check that nothing else slipped in. */
  helpers(): string[] {
    return Object.keys(this.handlebars.helpers);
  }

  /** Parses a part: the one parse a template gets, for its rules, its compilation and any error's explanation. */
  parse(source: string): hbs.AST.Program {
    return this.handlebars.parseWithoutProcessing(source);
  }

  /**
   * Compiles a part, now rather than at its first render (Handlebars' own `compile` waits, and keeps the parse
   * tree for as long as the template lives): `html` escapes `{{…}}`; `strict` makes a variable the data lacks an
   * error. Unknown helpers are a compile error.
   */
  compile(input: hbs.AST.Program | string, html: boolean, strict: boolean): CompiledPart {
    const options = {
      data: true,
      strict,
      noEscape: !html,
      knownHelpers: { log: false, firstName: true },
      knownHelpersOnly: true,
    };
    const handlebars = this.handlebars as unknown as HandlebarsCompilers;
    // As Handlebars.compile does it: whitespace control over the parse, opcodes, then the JavaScript.
    const ast = handlebars.parse(input, options);
    const environment = new handlebars.Compiler().compile(ast, options);
    return handlebars.template(
      new handlebars.JavaScriptCompiler().compile(environment, options, undefined, true),
    );
  }

  /** Renders a compiled part within the budget of one email. */
  render(part: CompiledPart, context: object): string {
    this.used.iterations = 0;
    this.used.chars = 0;
    const out = part(context);
    if (out.length > this.limits.maxOutputChars) throw new LimitReached('output', this.limits.maxOutputChars);
    return out;
  }
}
