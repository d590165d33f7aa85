import Handlebars from 'handlebars';
import { InvalidInput } from '@bindery/contracts';

/** An email's parts as a project writes them: Handlebars, with `{{var}}` escaped in HTML. */
export interface EmailTemplateSource {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** What a training email can use: the user's traits, the feature or step, the content, the unsubscribe link. */
export interface TrainingContext {
  user: Record<string, unknown> & { id: string; email: string };
  account: Record<string, unknown> & { id: string | null };
  feature: string;
  content: { title: string; url: string; summary: string };
  unsubscribeUrl: string;
}

/** Every variable a template may use, with example values: a template is rendered with it when saved. */
export const SAMPLE_CONTEXT: TrainingContext = {
  user: { id: 'user-1', email: 'ann@example.com', name: 'Ann Lee', first_name: 'Ann', last_name: 'Lee' },
  account: { id: 'acme', name: 'Acme' },
  feature: 'export',
  content: { title: 'Export your reports', url: 'https://example.com/help/export', summary: 'Two clicks.' },
  unsubscribeUrl: 'https://bindery.example.com/v1/unsubscribe?token=sample',
};

/** The variables a template may use, as `user.first_name, …`: the paths of {@link SAMPLE_CONTEXT}. */
export const TEMPLATE_VARIABLES = Object.entries(SAMPLE_CONTEXT)
  .flatMap(([name, value]) =>
    typeof value === 'object' ? Object.keys(value).map((key) => `${name}.${key}`) : [name],
  )
  .join(', ');

const html = Handlebars.create();
const plain = Handlebars.create();
const MAX_SUBJECT = 200;
/** Compiled templates by source and mode: compiling costs far more than rendering, and templates repeat. */
const compiled = new Map<string, Handlebars.TemplateDelegate>();
const MAX_COMPILED = 500;

function compile(engine: typeof Handlebars, source: string, strict: boolean, escape: boolean) {
  const key = `${strict ? 's' : 'l'}${escape ? 'h' : 't'}:${source}`;
  let template = compiled.get(key);
  if (!template) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    template = engine.compile(source, { strict, noEscape: !escape });
    compiled.set(key, template);
  }
  return template;
}

/**
 * Renders a template; `strict` makes a variable the context lacks an error (how a template is checked when
 * saved), otherwise it renders empty (a user without a `first_name` trait still gets the email). The subject
 * becomes one header line: a line break in data can never start a new header.
 */
export function renderEmail(t: EmailTemplateSource, context: object, strict = false): RenderedEmail {
  const subject = compile(
    plain,
    t.subject,
    strict,
    false,
  )(context)
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .slice(0, MAX_SUBJECT);
  return {
    subject,
    html: compile(html, t.html, strict, true)(context),
    text: compile(plain, t.text, strict, false)(context),
  };
}

/**
 * Renders a template with {@link SAMPLE_CONTEXT}, the sample user's traits overridden by `user`; refuses, with
 * the reason, a template that uses a variable the context lacks.
 */
export function previewTemplate(t: EmailTemplateSource, user: Record<string, unknown> = {}): RenderedEmail {
  const context = { ...SAMPLE_CONTEXT, user: { ...SAMPLE_CONTEXT.user, ...user } };
  try {
    return renderEmail(t, context, true);
  } catch (error) {
    throw InvalidInput(`template does not render: ${whyNot(t, context, error)}`, {
      variables: TEMPLATE_VARIABLES,
    });
  }
}

/**
 * Says which part of a template failed and where, in the author's words: Handlebars reports a missing
 * variable by its last name and position only ("nickname" not defined in [object Object] - 1:5).
 */
function whyNot(t: EmailTemplateSource, context: object, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = / - (\d+):(\d+)$/.exec(message);
  for (const part of ['subject', 'html', 'text'] as const) {
    try {
      compile(plain, t[part], true, false)(context);
    } catch {
      if (!/ not defined in /.test(message) || !at) return `${message} (in the ${part})`;
      const [line, column] = [Number(at[1]), Number(at[2])];
      const finder = new Handlebars.Visitor();
      let path: string | undefined;
      finder.PathExpression = (p: hbs.AST.PathExpression) => {
        if (p.loc.start.line === line && p.loc.start.column === column) path = p.original;
      };
      finder.accept(Handlebars.parse(t[part]));
      return `{{${path ?? message.split('"')[1]}}} in the ${part} (line ${line}, column ${column + 1}) is not a variable`;
    }
  }
  return message;
}

/** Refuses, with the reason, a template that does not render with {@link SAMPLE_CONTEXT}. */
export function checkTemplate(t: EmailTemplateSource): void {
  previewTemplate(t);
}
