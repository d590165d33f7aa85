import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import {
  NotFound,
  type PersonPreview,
  RateLimited,
  type ResolvedProjectSettings,
  type TemplateTrialBody,
  type TestSend,
} from '@bindery/contracts';
import { FunnelRepository, ProjectSettingsRepository, TrainingContentRepository } from '@bindery/db';
import { withDefaultSettings } from '@bindery/rules';
import { RateLimiter } from '@bindery/server';
import { brandEmail, brandSender } from '../emails/brand-layout';
import { MailTransport } from '../emails/mail-transport';
import { SigningKey } from '../emails/signing-key';
import { trainingContext, unsubscribeHeaders, unsubscribeUrl } from '../emails/training-email';
import { TraitsService } from '../emails/traits.service';
import { subjectLine, type RenderedEmail } from './templates/template-renderer';
import { TemplateSandbox } from './templates/template-sandbox';

/** Test sends a person may make per project: a burst of 5, then one every 2 minutes. */
const TEST_SEND_BURST = 5;
const TEST_SENDS_PER_SECOND = 1 / 120;
/** A funnel step's training content key, as funnel_stall rules look it up. */
const FUNNEL_STEP_KEY = /^funnel:([0-9a-f-]{36}):step:(\d+)$/;

/**
 * A draft template tried on a real person with real training content, in the project's layout: the editor's
 * preview as that person, and a test sent to the signed-in person's own address. Neither writes an outbox row:
 * a test is no message of the project's (not listed, not counted, not capped, not suppressed).
 */
@Injectable()
export class TemplateTrialService {
  private readonly testSends = new RateLimiter(TEST_SENDS_PER_SECOND, TEST_SEND_BURST);

  constructor(
    private readonly traits: TraitsService,
    private readonly sandbox: TemplateSandbox,
    private readonly content: TrainingContentRepository,
    private readonly funnels: FunnelRepository,
    private readonly settings: ProjectSettingsRepository,
    private readonly signingKey: SigningKey,
    private readonly transport: MailTransport,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  /**
   * The draft as the person would get it; the unsubscribe link is a placeholder (a preview must not hold a
   * working link that unsubscribes them).
   */
  async preview(projectId: string, body: TemplateTrialBody): Promise<PersonPreview> {
    const unsubscribe = `${this.config.publicUrl}/v1/unsubscribe?token=preview`;
    const { email, settings, to, feature, featureName } = await this.render(projectId, body, unsubscribe);
    return { ...email, from: this.fromHeader(settings), to, feature, featureName };
  }

  /**
   * Sends the draft, rendered for the person, to `recipient` (the signed-in person, never the person it
   * is rendered for), its subject marked as a test; its unsubscribe link is the recipient's own.
   */
  async sendTest(projectId: string, body: TemplateTrialBody, recipient: string): Promise<TestSend> {
    const wait = this.testSends.take(`${projectId}|${recipient}`, 1);
    if (wait > 0) throw RateLimited('Too many test emails: wait, then try again', wait);
    const unsubscribe = unsubscribeUrl(this.config.publicUrl, projectId, recipient, this.signingKey.value);
    const { email, settings } = await this.render(projectId, body, unsubscribe);
    const subject = subjectLine(`[Test] ${email.subject}`);
    const messageId = await this.transport.send({
      id: uuidv7(),
      to: recipient,
      subject,
      html: email.html,
      text: email.text,
      headers: unsubscribeHeaders(unsubscribe),
      from: brandSender(settings.brand, this.config.mailFrom),
    });
    return { to: recipient, subject, messageId };
  }

  private async render(projectId: string, body: TemplateTrialBody, unsubscribe: string) {
    const { personId, contentKey, ...template } = body;
    // The limits and rules a saved template meets, before any real data goes in.
    await this.sandbox.check(template);
    const [settings, content, user, feature] = await Promise.all([
      this.settings.get(projectId).then(withDefaultSettings),
      this.content.findByKey(projectId, contentKey),
      this.traits.of(projectId, 'user', personId),
      this.featureOf(projectId, contentKey),
    ]);
    if (!content) throw NotFound(`No training content for ${contentKey}`);
    const to = TraitsService.email(user.email) ?? null;
    const context = trainingContext({
      userId: personId,
      recipient: to ?? '',
      user,
      accountId: null,
      account: {},
      feature,
      content,
      settings,
      unsubscribeUrl: unsubscribe,
    });
    const email: RenderedEmail = brandEmail(
      await this.sandbox.render(template, context),
      settings.brand,
      unsubscribe,
    );
    return { email, settings, to, feature, featureName: context.featureName };
  }

  /** The feature a content key is about: a funnel step's event, else the key itself. */
  private async featureOf(projectId: string, key: string): Promise<string> {
    const step = FUNNEL_STEP_KEY.exec(key);
    if (!step) return key;
    const funnel = await this.funnels.findById(projectId, step[1] ?? '');
    if (!funnel) throw NotFound(`Funnel ${step[1] ?? ''} not found`);
    const event = funnel.definition.steps[Number(step[2]) - 1]?.event;
    if (event === undefined) throw NotFound(`Funnel ${funnel.name} has no step ${step[2] ?? ''}`);
    return event;
  }

  private fromHeader(settings: ResolvedProjectSettings): string {
    const sender = brandSender(settings.brand, this.config.mailFrom);
    if (!sender) return this.config.mailFrom;
    return sender.name ? `${sender.name} <${sender.address}>` : sender.address;
  }
}
