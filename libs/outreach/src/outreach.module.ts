import { Module } from '@nestjs/common';
import { EventQueriesModule } from '@bindery/event-queries';
import { AccountRiskService } from '@bindery/risk';
import { CohortActionsController } from './cohorts/cohort-actions.controller';
import { CohortActionsService } from './cohorts/cohort-actions.service';
import { ContentService } from './content/content.service';
import { TemplateTrialService } from './content/template-trial.service';
import { DigestProcessor, DigestScheduler } from './digests/digest';
import { ClickController } from './emails/click.controller';
import { OpenController } from './emails/open.controller';
import { EmailSenderProcessor } from './emails/email-sender.processor';
import { StrandedEmails } from './emails/stranded-emails';
import { EmailService } from './emails/email.service';
import { EmailsApiService } from './emails/emails-api.service';
import { GoalMetrics } from './goals/goal-metrics.service';
import { GoalReportService } from './goals/goal-report.service';
import { GoalsController } from './goals/goals.controller';
import { GoalsService } from './goals/goals.service';
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
 * The outreach API: tasks and notes, templates, training content, the outbox, the links in emails
 * (unsubscribe, tracked clicks), the retention goals, and tasks and emails for a cohort.
 */
@Module({
  imports: [EventQueriesModule],
  controllers: [
    TasksController,
    OutreachController,
    UnsubscribeController,
    ClickController,
    OpenController,
    CohortActionsController,
    GoalsController,
  ],
  providers: [
    TasksApiService,
    CohortActionsService,
    EmailService,
    ProjectConfigCache,
    NotesService,
    CsmsService,
    AccountFacts,
    ContentService,
    EmailsApiService,
    GoalsService,
    SigningKey,
    TemplateSandbox,
    TemplateTrialService,
    TraitsService,
    MailTransport,
  ],
})
export class OutreachApiModule {}

/**
 * The notifier: carries out signals (tasks, emails), sends the outbox, posts webhooks, sends digests, and
 * snapshots the retention goals for their owners' report.
 */
@Module({
  imports: [EventQueriesModule],
  providers: [
    SignalsProcessor,
    EmailSenderProcessor,
    StrandedEmails,
    WebhookProcessor,
    DigestProcessor,
    DigestScheduler,
    GoalReportService,
    GoalMetrics,
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
