import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type DomainError, InvalidInput } from '@bindery/contracts';
import { type TemplateJob } from './template-compiler';
import { exceededLimit, TEMPLATE_PARTS, type TemplateFailure } from './template-limits';
import {
  type EmailTemplateSource,
  type RenderedEmail,
  SAMPLE_CONTEXT,
  TEMPLATE_VARIABLES,
  type TrainingContext,
} from './template-renderer';
import { TemplateWorkerPool } from './template-worker-pool';

/**
 * Checks, previews and renders projects' email templates in worker threads, within the template limits: one
 * project's template never holds the event loop that every project's requests and emails share.
 *
 * Sending renders there too, not only saving: a template within its limits is still as slow as the data makes it
 * (a loop over a trait that anyone with the public write key can make a long list, a trait megabytes long written
 * a thousand times), so only a worker with a time limit bounds what one email costs. The cost is a message each
 * way per batch of the emails rendered side by side (see `TemplateWorkerPool` and `npm run bench:notify`);
 * compiled templates are kept in the worker by content hash, so a template is compiled once, not once per email.
 */
@Injectable()
export class TemplateSandbox implements OnModuleDestroy {
  private workers?: TemplateWorkerPool;

  /** Refuses, with the reason, a template that breaks a limit or a rule or does not render with sample data. */
  async check(t: EmailTemplateSource): Promise<void> {
    await this.preview(t);
  }

  /**
   * Renders a template with {@link SAMPLE_CONTEXT}, the sample user's traits overridden by `user`; refuses, with
   * the reason, a template that uses a variable the context lacks, exceeds a limit or breaks a rule.
   */
  preview(t: EmailTemplateSource, user: Record<string, unknown> = {}): Promise<RenderedEmail> {
    // The size and nesting limits first, in this thread: a scan, far cheaper than parsing.
    for (const part of TEMPLATE_PARTS) {
      const exceeded = exceededLimit(part, t[part]);
      if (exceeded) return Promise.reject(refusal(exceeded));
    }
    const context = { ...SAMPLE_CONTEXT, user: { ...SAMPLE_CONTEXT.user, ...user } };
    return this.run({ template: parts(t), context, strict: true });
  }

  /** Renders a training email from a project's template; a variable the data lacks renders empty. */
  render(t: EmailTemplateSource, context: TrainingContext): Promise<RenderedEmail> {
    return this.run({ template: parts(t), context, strict: false });
  }

  async onModuleDestroy(): Promise<void> {
    await this.workers?.close();
  }

  private async run(job: TemplateJob): Promise<RenderedEmail> {
    const outcome = await (this.workers ??= new TemplateWorkerPool()).run(job);
    if (outcome.ok) return outcome.email;
    throw refusal(outcome.failure);
  }
}

const parts = (t: EmailTemplateSource): EmailTemplateSource => ({
  subject: t.subject,
  html: t.html,
  text: t.text,
});

/** The 400 for a refused template: the message names the part and the limit or rule; details say it as data. */
function refusal(failure: TemplateFailure): DomainError {
  switch (failure.kind) {
    case 'render':
      return InvalidInput(`template does not render: ${failure.message}`, {
        part: failure.part,
        variables: TEMPLATE_VARIABLES,
      });
    case 'rule':
      return InvalidInput(failure.message, { part: failure.part, rule: failure.rule });
    case 'limit':
      return InvalidInput(failure.message, {
        part: failure.part,
        limit: failure.limit,
        value: failure.value,
        max: failure.max,
      });
  }
}
