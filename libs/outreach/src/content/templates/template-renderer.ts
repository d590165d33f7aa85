import { type CompiledPart, TemplateEngine } from './template-engine';

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

/**
 * What a training email can use: the user's traits, the feature or step (and its display name from the project's
 * `features` setting), the content, the unsubscribe link.
 */
export interface TrainingContext {
  user: Record<string, unknown> & { id: string; email: string };
  account: Record<string, unknown> & { id: string | null };
  feature: string;
  featureName: string;
  content: { title: string; url: string; summary: string };
  unsubscribeUrl: string;
}

/** Every variable a template may use, with example values: a template is rendered with it when saved. */
export const SAMPLE_CONTEXT: TrainingContext = {
  user: { id: 'user-1', email: 'ann@example.com', name: 'Ann Lee', first_name: 'Ann', last_name: 'Lee' },
  account: { id: 'acme', name: 'Acme' },
  feature: 'export',
  featureName: 'Export',
  content: { title: 'Export your reports', url: 'https://example.com/help/export', summary: 'Two clicks.' },
  unsubscribeUrl: 'https://bindery.example.com/v1/unsubscribe?token=sample',
};

/** The variables a template may use, as `user.first_name, …`: the paths of {@link SAMPLE_CONTEXT}. */
export const TEMPLATE_VARIABLES = Object.entries(SAMPLE_CONTEXT)
  .flatMap(([name, value]) =>
    typeof value === 'object' ? Object.keys(value).map((key) => `${name}.${key}`) : [name],
  )
  .join(', ');

const MAX_SUBJECT = 200;

/** The subject as one header line: a line break in data can never start a new header. */
export function subjectLine(rendered: string): string {
  return rendered
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .slice(0, MAX_SUBJECT);
}

const engine = new TemplateEngine();
/** Bindery's own templates, compiled once each. */
const compiled = new Map<string, CompiledPart>();

function compile(source: string, html: boolean): CompiledPart {
  const key = `${html ? 'h' : 't'}:${source}`;
  let part = compiled.get(key);
  if (!part) {
    part = engine.compile(source, html, false);
    compiled.set(key, part);
  }
  return part;
}

/**
 * Renders one of Bindery's own templates (the CSM alert, notice and digest) in this thread: they are constants,
 * small and loop only over the rows they are given. A project's template goes through `TemplateSandbox`, which
 * compiles and renders it in a worker thread within the template limits.
 */
export function renderEmail(t: EmailTemplateSource, context: object): RenderedEmail {
  return {
    subject: subjectLine(engine.render(compile(t.subject, false), context)),
    html: engine.render(compile(t.html, true), context),
    text: engine.render(compile(t.text, false), context),
  };
}
