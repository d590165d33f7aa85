/**
 * What one project's email template may cost the process that checks, previews or sends it. Every template is
 * compiled and rendered in a worker thread (see `TemplateSandbox`); these bounds keep a hostile one from holding
 * that worker, the memory, or the other projects' templates behind it.
 */
export const TEMPLATE_LIMITS = {
  /** UTF-8 bytes per part (subject, html, text). */
  maxBytes: 64 * 1024,
  /** Blocks (`{{#…}}`, `{{^…}}`, each `{{else if …}}`) and sub-expressions `(…)` inside one another. */
  maxNesting: 20,
  /** Milliseconds a worker may spend compiling and rendering one template's three parts. */
  timeLimitMs: 2_000,
  /** Loop iterations (`{{#each}}`, a block over a list) in one part of one email. */
  maxIterations: 1_000,
  /** Characters one rendered part may have. */
  maxOutputChars: 1_000_000,
  /** Heap of each template worker, in MB. */
  workerHeapMb: 256,
} as const;

export const TEMPLATE_PARTS = ['subject', 'html', 'text'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type TemplateLimit = 'bytes' | 'nesting' | 'time' | 'iterations' | 'output' | 'memory';

/** Why a template was refused, as plain data: it crosses from the worker to the main thread. */
export type TemplateFailure =
  | { kind: 'render'; part: TemplatePart; message: string }
  | { kind: 'rule'; part: TemplatePart; rule: string; message: string }
  | { kind: 'limit'; part: TemplatePart; limit: TemplateLimit; value?: number; max: number; message: string };

/** A template refused for a reason the author can act on. */
export class TemplateRefused extends Error {
  constructor(readonly failure: TemplateFailure) {
    super(failure.message);
    this.name = 'TemplateRefused';
  }
}

/** A limit a render ran into, before anyone knows which part it was rendering. */
export class LimitReached extends Error {
  constructor(
    readonly limit: TemplateLimit,
    readonly max: number,
  ) {
    super(`template limit ${limit} (${max}) reached`);
    this.name = 'LimitReached';
  }
}

/** The failure for a limit, with a message that names the part, the limit and, when known, the value. */
export function limitFailure(
  part: TemplatePart,
  limit: TemplateLimit,
  max: number,
  value?: number,
): TemplateFailure {
  const says: Record<TemplateLimit, string> = {
    bytes: `${value} bytes; at most ${max}`,
    nesting: `blocks nested ${value} deep; at most ${max}`,
    time: `takes longer than ${max} ms to compile and render; at most ${max} ms`,
    iterations: `loops run more than ${max} times in one email; at most ${max}`,
    output: `renders more than ${max} characters; at most ${max}`,
    memory: `needs more than ${max} MB to compile and render; at most ${max} MB`,
  };
  return { kind: 'limit', part, limit, max, value, message: `${part}: ${says[limit]}` };
}

/**
 * The first size or nesting limit a part exceeds, found without parsing it (linear in its length): the check
 * that runs before Handlebars' parser, whose cost grows much faster than linearly with nesting.
 */
export function exceededLimit(part: TemplatePart, source: string): TemplateFailure | undefined {
  // Nesting first: it says more about a template that breaks both (the request schema bounds the scan).
  const depth = nestingDepth(source);
  if (depth > TEMPLATE_LIMITS.maxNesting)
    return limitFailure(part, 'nesting', TEMPLATE_LIMITS.maxNesting, depth);
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > TEMPLATE_LIMITS.maxBytes) return limitFailure(part, 'bytes', TEMPLATE_LIMITS.maxBytes, bytes);
  return undefined;
}

// The mustache openings Handlebars' lexer knows, read at the character after `{{` (and an optional `~`).
const COMMENT_LONG = /!--/y;
const COMMENT_END = /--~?\}\}/g;
const PLAIN_INVERSE = /\^\s*~?\}\}/y;
const PLAIN_ELSE = /\s*else\s*~?\}\}/y;
const ELSE_CHAIN = /\s*else\b/y;

/**
 * How deep a template's blocks and sub-expressions nest, as its parse tree would be: a scan of the mustaches, each
 * opening block a level, each `{{else if …}}` one more level until the block closes, each `(` inside a mustache
 * one more. It reads comments, escaped mustaches (`\{{`), raw blocks, strings and `[…]` segments as the lexer
 * does; where it cannot tell, it counts more nesting, never less.
 */
export function nestingDepth(source: string): number {
  /** Levels each open block holds: 1, plus 1 per `{{else …}}` chained onto it. */
  const open: number[] = [];
  let depth = 0;
  let max = 0;
  const deeper = (level: number) => {
    if (level > max) max = level;
  };
  let at = source.indexOf('{{');
  while (at !== -1) {
    // `\{{…` is text up to the next mustache; `\\{{` is a backslash and a mustache.
    if (source[at - 1] === '\\' && source[at - 2] !== '\\') {
      at = source.indexOf('{{', at + 2);
      continue;
    }
    const raw = source.startsWith('{{{{', at);
    let i = raw ? at + 4 : at + 2;
    if (!raw && source[i] === '~') i++;
    if (!raw && isAt(COMMENT_LONG, source, i)) {
      COMMENT_END.lastIndex = i + 3;
      const end = COMMENT_END.exec(source);
      if (!end) break;
      at = source.indexOf('{{', end.index + end[0].length);
      continue;
    }
    if (!raw && source[i] === '!') {
      const end = source.indexOf('}}', i);
      if (end === -1) break;
      at = source.indexOf('{{', end + 2);
      continue;
    }
    let opens = false;
    if (source[i] === '/') depth -= open.pop() ?? 0;
    else if (raw || source[i] === '#' || (source[i] === '^' && !isAt(PLAIN_INVERSE, source, i))) opens = true;
    else if (open.length > 0 && !isAt(PLAIN_ELSE, source, i) && isAt(ELSE_CHAIN, source, i)) {
      open.push((open.pop() ?? 0) + 1);

      deeper(++depth);
    }
    // The mustache's sub-expressions sit under it; a block's content, one level down.
    let end = scanMustache(source, i, (parens) => deeper(depth + parens));
    if (opens) {
      open.push(1);
      deeper(++depth);
    }
    // A raw block's content is text to the parser, up to its closing `{{{{/…}}}}`.
    if (raw && opens) {
      const close = source.indexOf('{{{{/', end);
      end = close === -1 ? source.length : close;
    }
    at = source.indexOf('{{', end);
  }
  return max;
}

function isAt(pattern: RegExp, source: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(source);
}

/** Reads a mustache from `from` to its closing `}}`, reporting each `(` depth; returns the index after it. */
function scanMustache(source: string, from: number, onParen: (depth: number) => void): number {
  let parens = 0;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '[') {
      // As the lexer reads them: only the closing character can be escaped.
      const close = c === '[' ? ']' : c;
      for (i++; i < source.length && source[i] !== close; i++) {
        if (source[i] === '\\' && source[i + 1] === close) i++;
      }
    } else if (c === '(') {
      onParen(++parens);
    } else if (c === ')') {
      if (parens > 0) parens--;
    } else if (c === '}' && source[i + 1] === '}') {
      return i + 2;
    }
  }
  return source.length;
}
