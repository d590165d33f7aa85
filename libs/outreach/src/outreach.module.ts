import { Module } from '@nestjs/common';
import { EventQueriesModule } from '@bindery/event-queries';
import { ContentService } from './content.service';
import { DigestProcessor, DigestScheduler } from './digest';
import { EmailSenderProcessor } from './email-sender.processor';
import { EmailService } from './email.service';
import { EmailsApiService } from './emails-api.service';
import { MailTransport } from './mail-transport';
import { OutreachController } from './outreach.controller';
import { ProjectConfigCache } from './project-config.cache';
import { SignalsProcessor } from './signals.processor';
import { SigningKey } from './signing-key';
import { TaskService } from './task.service';
import { AccountFacts } from './tasks/account-facts';
import { CsmsService } from './tasks/csms.service';
import { NotesService } from './tasks/notes.service';
import { TaskResolutionService } from './tasks/task-resolution.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksApiService } from './tasks-api.service';
import { TemplateSandbox } from './templates/template-sandbox';
import { TraitsService } from './traits.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { WebhookProcessor } from './webhook.processor';

/** The outreach API: tasks and notes, templates, training content, the outbox, and the unsubscribe links. */
@Module({
  imports: [EventQueriesModule],
  controllers: [TasksController, OutreachController, UnsubscribeController],
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
    EmailService,
    TraitsService,
    ProjectConfigCache,
    MailTransport,
    SigningKey,
    TemplateSandbox,
  ],
})
export class NotifierModule {}
