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
import { TasksApiService } from './tasks-api.service';
import { TraitsService } from './traits.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { WebhookProcessor } from './webhook.processor';

/** The outreach API: tasks, templates, training content, the outbox, and the unsubscribe links. */
@Module({
  controllers: [OutreachController, UnsubscribeController],
  providers: [TasksApiService, ContentService, EmailsApiService, SigningKey],
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
    EmailService,
    TraitsService,
    ProjectConfigCache,
    MailTransport,
    SigningKey,
  ],
})
export class NotifierModule {}
