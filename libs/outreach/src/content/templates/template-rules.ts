import { TEMPLATE_HELPERS } from './template-engine';
import { limitFailure, TEMPLATE_LIMITS, type TemplateFailure, type TemplatePart } from './template-limits';

/**
 * The values `{{{…}}}` (or `{{& …}}`) may write into the HTML unescaped: the project's own training content and
 * Bindery's unsubscribe link. Traits (`user.*`, `account.*`, set by anyone holding the public write key) and the
 * feature (an event name, from the same source) never are: the template is refused when saved.
 */
export const UNESCAPED_ALLOWED = ['content.title', 'content.summary', 'content.url', 'unsubscribeUrl'];

const HELPERS: readonly string[] = TEMPLATE_HELPERS;
/** Blocks that keep the data they run in; any other block (`each`, `with`, a block over a path) changes it. */
const SAME_CONTEXT = new Set(['if', 'unless']);

type Node = hbs.AST.Node;
type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

const where = (node: Node) => `(line ${node.loc.start.line}, column ${node.loc.start.column + 1})`;

/**
 * The first rule a parsed part breaks, or nothing: nesting deeper than the limit, a partial or decorator, a
 * helper other than {@link TEMPLATE_HELPERS}, or, in the HTML, unescaped output of anything but
 * {@link UNESCAPED_ALLOWED}.
 */
export function brokenRule(ast: hbs.AST.Program, part: TemplatePart): TemplateFailure | undefined {
  let found: TemplateFailure | undefined;
  const refuse = (rule: string, message: string) => {
    found ??= { kind: 'rule', part, rule, message: `${part}: ${message}` };
  };
  let deepest = 0;

  const visit = (node: Node, depth: number, atRoot: boolean): void => {
    if (found) return;
    if (depth > deepest) deepest = depth;
    switch (node.type) {
      case 'Program':
        for (const statement of (node as hbs.AST.Program).body) visit(statement, depth, atRoot);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return refuse('partial', `partials ({{> …}}) are not available ${where(node)}`);
      case 'Decorator':
      case 'DecoratorBlock':
        return refuse('decorator', `decorators ({{* …}}) are not available ${where(node)}`);
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        checkHelper(mustache);
        if (!mustache.escaped && part === 'html' && !unescapedAllowed(mustache, atRoot)) {
          const path = mustache.path as hbs.AST.PathExpression;
          refuse(
            'unescaped_output',
            `{{{${path.original ?? ''}}}} ${where(node)} would write data into the HTML unescaped; write ` +
              `{{${path.original ?? ''}}}. Only ${UNESCAPED_ALLOWED.join(', ')} may be written unescaped, ` +
              'outside {{#each}} and {{#with}}',
          );
        }
        return visitArguments(mustache, depth);
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        checkHelper(block);
        visitArguments(block, depth);
        const keeps = atRoot && SAME_CONTEXT.has(block.path.original);
        if (block.program) visit(block.program, depth + 1, keeps);
        if (block.inverse) visit(block.inverse, depth + 1, keeps);
        return;
      }
      case 'SubExpression': {
        // A sub-expression is a level under the call it is an argument of.
        const call = node as hbs.AST.SubExpression;
        if (depth + 1 > deepest) deepest = depth + 1;
        checkHelper(call, true);
        return visitArguments(call, depth + 1);
      }
      default:
        return;
    }
  };
  /** A call's parameters and hash values; a sub-expression among them is one level deeper. */
  const visitArguments = (call: Call, depth: number) => {
    for (const param of call.params) visit(param, depth, false);
    for (const pair of call.hash?.pairs ?? []) visit(pair.value, depth, false);
  };
  const checkHelper = (call: Call, always = false) => {
    if (!always && call.params.length === 0 && !call.hash) return;
    const path: hbs.AST.Node = call.path;
    const name =
      path.type === 'PathExpression'
        ? (path as hbs.AST.PathExpression).original
        : String((path as hbs.AST.StringLiteral).value);
    if (!HELPERS.includes(name)) {
      refuse('helper', `{{${name}}} ${where(call)} is not available; helpers: ${HELPERS.join(', ')}`);
    }
  };

  visit(ast, 0, true);
  // The scan before parsing refused deeper nesting already, unless it was fooled; this is the exact count.
  if (deepest > TEMPLATE_LIMITS.maxNesting)
    return limitFailure(part, 'nesting', TEMPLATE_LIMITS.maxNesting, deepest);
  return found;
}

/** Whether an unescaped mustache writes a literal or a value the project or Bindery wrote, never a trait. */
function unescapedAllowed(mustache: hbs.AST.MustacheStatement, atRoot: boolean): boolean {
  if (mustache.params.length > 0 || mustache.hash) return false;
  const path = mustache.path;
  if (path.type !== 'PathExpression') return true;
  const { data, depth, parts } = path as hbs.AST.PathExpression;
  if (data) return parts[0] === 'root' && UNESCAPED_ALLOWED.includes(parts.slice(1).join('.'));
  return atRoot && depth === 0 && UNESCAPED_ALLOWED.includes(parts.join('.'));
}
