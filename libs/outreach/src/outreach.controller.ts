import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { CurrentPrincipal, type Principal, ProjectAccessGuard } from '@bindery/auth';
import {
  type ContentIdParams,
  ContentIdParamsSchema,
  type EmailTemplate,
  type EmailTemplateBody,
  EmailTemplateBodySchema,
  type EmailTemplateList,
  EmailTemplateListSchema,
  Forbidden,
  EmailTemplateSchema,
  type OutboxList,
  type OutboxListQuery,
  type PersonPreview,
  PersonPreviewSchema,
  OutboxListQuerySchema,
  OutboxListSchema,
  type ProjectIdParams,
  type RenderedEmailView,
  RenderedEmailSchema,
  ProjectIdParamsSchema,
  type TemplateIdParams,
  type TemplatePreviewBody,
  TemplatePreviewBodySchema,
  type TemplateTrialBody,
  TemplateTrialBodySchema,
  type TestSend,
  TestSendSchema,
  TemplateIdParamsSchema,
  type TrainingContent,
  type TrainingContentBody,
  TrainingContentBodySchema,
  type TrainingContentList,
  TrainingContentListSchema,
  TrainingContentSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { ContentService } from './content/content.service';
import { TemplateTrialService } from './content/template-trial.service';
import { EmailsApiService } from './emails/emails-api.service';
import { TEMPLATE_LIMITS } from './content/templates/template-limits';
import { TEMPLATE_VARIABLES } from './content/templates/template-renderer';
import { UNESCAPED_ALLOWED } from './content/templates/template-rules';
import { Actor } from './tasks/actor';

const NO_CONTENT = { status: 204, schema: Type.Null({ description: 'No content' }) };
const TEMPLATE_DOC =
  `Handlebars: {{var}} is HTML-escaped in \`html\`. Variables: ${TEMPLATE_VARIABLES}. A template is rendered ` +
  'with sample values when saved: an unknown variable is a 400 then, never a failed send. ' +
  `Limits, each a 400 (invalid_input) whose message names the part, the limit and the value, with ` +
  `details {part, limit, value, max}: at most ${TEMPLATE_LIMITS.maxBytes} bytes per part (subject, html, text); ` +
  `blocks and sub-expressions nested at most ${TEMPLATE_LIMITS.maxNesting} deep; compiled and rendered in a ` +
  `worker thread within ${TEMPLATE_LIMITS.timeLimitMs} ms; loops at most ${TEMPLATE_LIMITS.maxIterations} ` +
  `turns and each part at most ${TEMPLATE_LIMITS.maxOutputChars} characters per email. Helpers: if, unless, ` +
  'each, with, lookup (no log, no partials or decorators). Unescaped output ({{{…}}} or {{& …}}) in `html` is ' +
  `refused when saved (400, details.rule unescaped_output) unless it writes ${UNESCAPED_ALLOWED.join(', ')} ` +
  'outside {{#each}} and {{#with}}: traits and the feature come from the public write key and are always escaped.';

@ApiTags('outreach')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class OutreachController {
  constructor(
    private readonly content: ContentService,
    private readonly emails: EmailsApiService,
    private readonly trials: TemplateTrialService,
  ) {}

  @Get('email-templates')
  @Endpoint({
    access: 'read',
    summary: 'Email templates',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: EmailTemplateListSchema },
    errors: [401, 403],
  })
  listTemplates(@Param() p: ProjectIdParams): Promise<EmailTemplateList> {
    return this.content.listTemplates(p.projectId);
  }

  @Post('email-templates')
  @Endpoint({
    access: 'admin',
    summary: 'Create an email template',
    description: TEMPLATE_DOC,
    params: ProjectIdParamsSchema,
    body: EmailTemplateBodySchema,
    response: { status: 201, schema: EmailTemplateSchema },
    errors: [400, 401, 403, 409],
  })
  createTemplate(
    @Param() p: ProjectIdParams,
    @Body() body: EmailTemplateBody,
    @Actor() actor: string,
  ): Promise<EmailTemplate> {
    return this.content.createTemplate(p.projectId, body, actor);
  }

  @Post('email-templates/preview')
  @HttpCode(200)
  @Endpoint({
    access: 'read',
    summary: 'Render a template for a sample user, as the editor previews it',
    description:
      TEMPLATE_DOC + ' Nothing is saved; a template that does not render is a 400 with the reason.',
    params: ProjectIdParamsSchema,
    body: TemplatePreviewBodySchema,
    response: { status: 200, schema: RenderedEmailSchema },
    errors: [400, 401, 403],
  })
  previewTemplate(
    @Param() p: ProjectIdParams,
    @Body() body: TemplatePreviewBody,
  ): Promise<RenderedEmailView> {
    return this.content.previewTemplate(p.projectId, body);
  }

  @Post('email-templates/preview-as')
  @HttpCode(200)
  @Endpoint({
    access: 'read',
    summary: 'Render a template for a real person with real training content, in the project’s layout',
    description:
      'The person’s current traits and the training content of contentKey (for a funnel step, the feature is ' +
      'the step’s event), as a training email would get them; the unsubscribe link is a placeholder. ' +
      'Nothing is saved or sent. A draft that does not render is a 400; an unknown content key or funnel a 404.',
    params: ProjectIdParamsSchema,
    body: TemplateTrialBodySchema,
    response: { status: 200, schema: PersonPreviewSchema },
    errors: [400, 401, 403, 404],
  })
  previewAs(@Param() p: ProjectIdParams, @Body() body: TemplateTrialBody): Promise<PersonPreview> {
    return this.trials.preview(p.projectId, body);
  }

  @Post('email-templates/test-send')
  @HttpCode(200)
  @Endpoint({
    access: 'admin',
    summary: 'Send a template, rendered for a real person, to yourself',
    description:
      'Renders as preview-as does and sends the email to the signed-in person’s address (never to the person ' +
      'it is rendered for), its subject starting with [Test]. No outbox row: a test is not listed, counted in ' +
      'email reports, capped or suppressed. At most 5 at once, then one every 2 minutes, per person and ' +
      'project (429). A project key has no address: 403.',
    params: ProjectIdParamsSchema,
    body: TemplateTrialBodySchema,
    response: { status: 200, schema: TestSendSchema },
    errors: [400, 401, 403, 404, 429],
  })
  testSend(
    @Param() p: ProjectIdParams,
    @Body() body: TemplateTrialBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TestSend> {
    if (principal.kind !== 'user') {
      throw Forbidden('A test email goes to the signed-in person: sign in, or use a personal token');
    }
    return this.trials.sendTest(p.projectId, body, principal.email);
  }

  @Put('email-templates/:templateId')
  @Endpoint({
    access: 'admin',
    summary: 'Replace an email template',
    description: TEMPLATE_DOC,
    params: TemplateIdParamsSchema,
    body: EmailTemplateBodySchema,
    response: { status: 200, schema: EmailTemplateSchema },
    errors: [400, 401, 403, 404, 409],
  })
  updateTemplate(
    @Param() p: TemplateIdParams,
    @Body() body: EmailTemplateBody,
    @Actor() actor: string,
  ): Promise<EmailTemplate> {
    return this.content.updateTemplate(p.projectId, p.templateId, body, actor);
  }

  @Delete('email-templates/:templateId')
  @HttpCode(204)
  @Endpoint({
    access: 'admin',
    summary: 'Delete an email template',
    params: TemplateIdParamsSchema,
    response: NO_CONTENT,
    errors: [401, 403, 404],
  })
  deleteTemplate(@Param() p: TemplateIdParams, @Actor() actor: string): Promise<void> {
    return this.content.deleteTemplate(p.projectId, p.templateId, actor);
  }

  @Get('training-content')
  @Endpoint({
    access: 'read',
    summary: 'Training content per feature or funnel step',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: TrainingContentListSchema },
    errors: [401, 403],
  })
  listContent(@Param() p: ProjectIdParams): Promise<TrainingContentList> {
    return this.content.listContent(p.projectId);
  }

  @Post('training-content')
  @Endpoint({
    access: 'admin',
    summary: 'Add training content for a feature or a funnel step',
    params: ProjectIdParamsSchema,
    body: TrainingContentBodySchema,
    response: { status: 201, schema: TrainingContentSchema },
    errors: [400, 401, 403, 409],
  })
  createContent(@Param() p: ProjectIdParams, @Body() body: TrainingContentBody): Promise<TrainingContent> {
    return this.content.createContent(p.projectId, body);
  }

  @Put('training-content/:contentId')
  @Endpoint({
    access: 'admin',
    summary: 'Replace training content',
    params: ContentIdParamsSchema,
    body: TrainingContentBodySchema,
    response: { status: 200, schema: TrainingContentSchema },
    errors: [400, 401, 403, 404, 409],
  })
  updateContent(@Param() p: ContentIdParams, @Body() body: TrainingContentBody): Promise<TrainingContent> {
    return this.content.updateContent(p.projectId, p.contentId, body);
  }

  @Delete('training-content/:contentId')
  @HttpCode(204)
  @Endpoint({
    access: 'admin',
    summary: 'Delete training content',
    params: ContentIdParamsSchema,
    response: NO_CONTENT,
    errors: [401, 403, 404],
  })
  deleteContent(@Param() p: ContentIdParams): Promise<void> {
    return this.content.deleteContent(p.projectId, p.contentId);
  }

  @Get('emails')
  @Endpoint({
    access: 'read',
    summary: 'The email outbox, newest first, with each email’s status',
    description:
      'pending → sending → sent | failed; skipped (suppressed, frequency cap, no content) with the reason.',
    params: ProjectIdParamsSchema,
    query: OutboxListQuerySchema,
    response: { status: 200, schema: OutboxListSchema },
    errors: [400, 401, 403],
  })
  listEmails(@Param() p: ProjectIdParams, @Query() q: OutboxListQuery): Promise<OutboxList> {
    return this.emails.list(p.projectId, q);
  }

  @Post('emails/replay')
  @HttpCode(200)
  @Endpoint({
    access: 'admin',
    summary: 'Send the failed emails again',
    description:
      'Each failed email goes back to pending and is queued; a suppressed (e.g. bounced) address is skipped.',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: Type.Object({ replayed: Type.Integer() }) },
    errors: [401, 403],
  })
  replayEmails(@Param() p: ProjectIdParams): Promise<{ replayed: number }> {
    return this.emails.replayFailed(p.projectId);
  }
}
