import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { type CompiledPart, TemplateEngine } from './template-engine';
import {
  exceededLimit,
  LimitReached,
  limitFailure,
  TEMPLATE_PARTS,
  type TemplatePart,
  TemplateRefused,
} from './template-limits';
import { type EmailTemplateSource, type RenderedEmail, subjectLine } from './template-renderer';
import { brokenRule } from './template-rules';

/** Compiled parts kept, by mode and content hash; evicted oldest first past either bound. */
const MAX_CACHED = 500;
/** The sources' characters the cache may stand for: a compiled part takes about 20 times its source. */
const MAX_CACHED_CHARS = 4_000_000;

/** One template rendering: `strict` (the editor's check) makes a variable the data lacks an error. */
export interface TemplateJob {
  template: EmailTemplateSource;
  context: object;
  strict: boolean;
}

/**
 * Checks, compiles and renders email templates: what a template worker runs. Each part is parsed once, and that
 * parse serves the rules, the compilation and the explanation of a render error; compiled parts are kept by
 * content hash, so the notifier compiles a template once, not once per email.
 */
export class TemplateCompiler {
  readonly engine = new TemplateEngine();
  private readonly cache = new Map<string, { part: CompiledPart; chars: number }>();
  private cachedChars = 0;
  /** Parses done, for the tests that hold the compiler to one parse per part. */
  parses = 0;

  /** Renders the three parts, calling `onPart` as each starts; throws {@link TemplateRefused} naming the part. */
  render(job: TemplateJob, onPart?: (index: number) => void): RenderedEmail {
    const out: Partial<Record<TemplatePart, string>> = {};
    TEMPLATE_PARTS.forEach((part, index) => {
      onPart?.(index);
      out[part] = this.renderPart(part, job.template[part], job.context, job.strict);
    });
    return { subject: subjectLine(out.subject ?? ''), html: out.html ?? '', text: out.text ?? '' };
  }

  private renderPart(part: TemplatePart, source: string, context: object, strict: boolean): string {
    const html = part === 'html';
    const key = `${html ? 'h' : 't'}${strict ? 's' : 'l'}:${createHash('sha256').update(source).digest('base64')}`;
    const cached = this.cache.get(key);
    let ast: hbs.AST.Program | undefined;
    let compiled = cached?.part;
    if (cached) {
      // Most recently used last: the first entry is the one to evict.
      this.cache.delete(key);
      this.cache.set(key, cached);
    } else {
      const exceeded = exceededLimit(part, source);
      if (exceeded) throw new TemplateRefused(exceeded);
      ast = this.parse(part, source);
      const broken = brokenRule(ast, part);
      if (broken) throw new TemplateRefused(broken);
      try {
        compiled = this.engine.compile(ast, html, strict);
      } catch (error) {
        throw new TemplateRefused({ kind: 'render', part, message: `${messageOf(error)} (in the ${part})` });
      }
      this.keep(key, compiled, source.length);
    }
    try {
      return this.engine.render(compiled as CompiledPart, context);
    } catch (error) {
      if (error instanceof LimitReached)
        throw new TemplateRefused(limitFailure(part, error.limit, error.max));
      // A part that rendered before and fails with this data: parsed again, only to say where.
      ast ??= this.parse(part, source);
      throw new TemplateRefused({ kind: 'render', part, message: explain(ast, part, error) });
    }
  }

  private parse(part: TemplatePart, source: string): hbs.AST.Program {
    this.parses++;
    try {
      return this.engine.parse(source);
    } catch (error) {
      throw new TemplateRefused({ kind: 'render', part, message: `${messageOf(error)} (in the ${part})` });
    }
  }

  private keep(key: string, part: CompiledPart, chars: number): void {
    this.cache.set(key, { part, chars });
    this.cachedChars += chars;
    for (const [oldest, entry] of this.cache) {
      if (this.cache.size <= MAX_CACHED && this.cachedChars <= MAX_CACHED_CHARS) break;
      this.cache.delete(oldest);
      this.cachedChars -= entry.chars;
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Says where a part failed, in the author's words: Handlebars reports a missing variable by its last name and
 * position only ("nickname" not defined in [object Object] - 1:5); the parse finds the path written there.
 */
function explain(ast: hbs.AST.Program, part: TemplatePart, error: unknown): string {
  const message = messageOf(error);
  const at = / - (\d+):(\d+)$/.exec(message);
  if (!/ not defined in /.test(message) || !at) return `${message} (in the ${part})`;
  const [line, column] = [Number(at[1]), Number(at[2])];
  const path = findPath(ast, line, column);
  return `{{${path ?? message.split('"')[1]}}} in the ${part} (line ${line}, column ${column + 1}) is not a variable`;
}

/** The path expression written at a line and column. */
function findPath(ast: hbs.AST.Program, line: number, column: number): string | undefined {
  let found: string | undefined;
  const finder = new Handlebars.Visitor();
  finder.PathExpression = (p: hbs.AST.PathExpression) => {
    if (p.loc.start.line === line && p.loc.start.column === column) found = p.original;
  };
  finder.accept(ast);
  return found;
}
