import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type EmailTemplate as TemplateView,
  type EmailTemplateBody,
  type EmailTemplateList,
  NotFound,
  type RenderedEmailView,
  type TemplatePreviewBody,
  type TrainingContent as ContentView,
  type TrainingContentBody,
  type TrainingContentList,
} from '@bindery/contracts';
import {
  AuditRepository,
  type EmailTemplate,
  EmailTemplateRepository,
  ProjectSettingsRepository,
  type TrainingContent,
  TrainingContentRepository,
} from '@bindery/db';
import { withDefaultSettings } from '@bindery/rules';
import { brandEmail } from '../emails/brand-layout';
import { SAMPLE_CONTEXT } from './templates/template-renderer';
import { TemplateSandbox } from './templates/template-sandbox';

const templateView = (t: EmailTemplate): TemplateView => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  html: t.html,
  text: t.text,
  createdAt: t.created_at.toISOString(),
  updatedAt: t.updated_at.toISOString(),
});
const contentView = (c: TrainingContent): ContentView => ({
  id: c.id,
  key: c.key,
  title: c.title,
  url: c.url,
  summary: c.summary,
  createdAt: c.created_at.toISOString(),
  updatedAt: c.updated_at.toISOString(),
});

/** Email templates (checked in a template worker when saved) and training content, per project. */
@Injectable()
export class ContentService {
  constructor(
    private readonly templates: EmailTemplateRepository,
    private readonly content: TrainingContentRepository,
    private readonly sandbox: TemplateSandbox,
    private readonly audit: AuditRepository,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  async listTemplates(projectId: string): Promise<EmailTemplateList> {
    return { templates: (await this.templates.list(projectId)).map(templateView) };
  }

  async createTemplate(projectId: string, body: EmailTemplateBody, actor: string): Promise<TemplateView> {
    await this.sandbox.check(body);
    const row = await this.templates.create(projectId, uuidv7(), body);
    await this.audit.record({
      projectId,
      actor,
      action: 'template.created',
      details: { templateId: row.id, name: row.name },
    });
    return templateView(row);
  }

  async updateTemplate(
    projectId: string,
    id: string,
    body: EmailTemplateBody,
    actor: string,
  ): Promise<TemplateView> {
    await this.sandbox.check(body);
    const row = await this.templates.update(projectId, id, body);
    if (!row) throw NotFound(`Template ${id} not found`);
    await this.audit.record({
      projectId,
      actor,
      action: 'template.updated',
      details: { templateId: id, name: row.name },
    });
    return templateView(row);
  }

  /** How a template renders for a sample user in the project's layout, or why it does not: the editor's preview. */
  async previewTemplate(projectId: string, body: TemplatePreviewBody): Promise<RenderedEmailView> {
    const { user, ...template } = body;
    const [email, settings] = await Promise.all([
      this.sandbox.preview(template, user),
      this.settings.get(projectId).then(withDefaultSettings),
    ]);
    return brandEmail(email, settings.brand, SAMPLE_CONTEXT.unsubscribeUrl);
  }

  async deleteTemplate(projectId: string, id: string, actor: string): Promise<void> {
    if (!(await this.templates.delete(projectId, id))) throw NotFound(`Template ${id} not found`);
    await this.audit.record({ projectId, actor, action: 'template.deleted', details: { templateId: id } });
  }

  async listContent(projectId: string): Promise<TrainingContentList> {
    return { content: (await this.content.list(projectId)).map(contentView) };
  }

  async createContent(projectId: string, body: TrainingContentBody): Promise<ContentView> {
    return contentView(await this.content.create(projectId, uuidv7(), body));
  }

  async updateContent(projectId: string, id: string, body: TrainingContentBody): Promise<ContentView> {
    const row = await this.content.update(projectId, id, body);
    if (!row) throw NotFound(`Training content ${id} not found`);
    return contentView(row);
  }

  async deleteContent(projectId: string, id: string): Promise<void> {
    if (!(await this.content.delete(projectId, id))) throw NotFound(`Training content ${id} not found`);
  }
}
