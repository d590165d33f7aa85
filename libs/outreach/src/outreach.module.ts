import { Module } from '@nestjs/common';
import { EventQueriesModule } from '@bindery/event-queries';
import { AccountRiskService } from '@bindery/risk';
import { ContentService } from './content/content.service';
import { DigestProcessor, DigestScheduler } from './digests/digest';
import { ClickController } from './emails/click.controller';
import { EmailSenderProcessor } from './emails/email-sender.processor';
import { EmailService } from './emails/email.service';
import { EmailsApiService } from './emails/emails-api.service';
import { MailTransport } from './emails/mail-transport';
import { OutreachController } from './outreach.controller';
import { ProjectConfigCache } from './project-config.cache';
import { SignalsProcessor } from './signals.processor';
import { SigningKey } from './emails/signing-key';
import { TaskService } from './tasks/task.service';
import { AccountFacts } from './tasks/account-facts';
import { CsmsService } from './tasks/csms.service';
import { NotesService } from './tasks/notes.service';
import { TaskResolutionService } from './tasks/task-resolution.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksApiService } from './tasks/tasks-api.service';
import { TemplateSandbox } from './content/templates/template-sandbox';
import { TraitsService } from './emails/traits.service';
import { UnsubscribeController } from './emails/unsubscribe.controller';
import { WebhookProcessor } from './webhooks/webhook.processor';

/**
 * The outreach API: tasks and notes, templates, training content, the outbox, and the links in emails
 * (unsubscribe, tracked clicks).
 */
@Module({
  imports: [EventQueriesModule],
  controllers: [TasksController, OutreachController, UnsubscribeController, ClickController],
  providers: [
    TasksApiService,
    NotesService,
    CsmsService,
    AccountFacts,
    ContentService,
    EmailsApiService,
    SigningKey,
    TemplateSandbox,
  ],
})
export class OutreachApiModule {}

/** The notifier: carries out signals (tasks, emails), sends the outbox, posts webhooks, sends digests. */
@Module({
  imports: [EventQueriesModule],
  providers: [
    SignalsProcessor,
    EmailSenderProcessor,
    WebhookProcessor,
    DigestProcessor,
    DigestScheduler,
    TaskService,
    TaskResolutionService,
    AccountRiskService,
    EmailService,
    TraitsService,
    ProjectConfigCache,
    MailTransport,
    SigningKey,
    TemplateSandbox,
  ],
})
export class NotifierModule {}
