import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { createDatabase, DB, migrateDatabase } from './database';
import { AccountHealthRepository } from './repositories/account-health.repository';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { AuditRepository } from './repositories/audit.repository';
import { CohortRepository } from './repositories/cohort.repository';
import { EmailClickRepository } from './repositories/email-click.repository';
import { EmailTemplateRepository } from './repositories/email-template.repository';
import { FunnelRepository } from './repositories/funnel.repository';
import { GoalRepository } from './repositories/goal.repository';
import { NoteRepository } from './repositories/note.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { PersonDeletionRepository } from './repositories/person-deletion.repository';
import { PersonRecordsRepository } from './repositories/person-records.repository';
import { ProjectSettingsRepository } from './repositories/project-settings.repository';
import { ProjectRepository } from './repositories/project.repository';
import { RuleRunRepository } from './repositories/rule-run.repository';
import { RuleWatermarkRepository } from './repositories/rule-watermark.repository';
import { RuleRepository } from './repositories/rule.repository';
import { SignalRepository } from './repositories/signal.repository';
import { SuppressionRepository } from './repositories/suppression.repository';
import { SuppressedPeopleRepository } from './repositories/suppressed-people.repository';
import { SurveyRepository } from './repositories/survey.repository';
import { FeedbackRepository } from './repositories/feedback.repository';
import { TaskRepository } from './repositories/task.repository';
import { TrainingContentRepository } from './repositories/training-content.repository';
import { InviteRepository } from './repositories/invite.repository';
import { MembershipRepository } from './repositories/membership.repository';
import { SessionRepository } from './repositories/session.repository';
import { UserTokenRepository } from './repositories/user-token.repository';
import { UserRepository } from './repositories/user.repository';
import { type Database } from './schema';

/** Ready when Postgres (or PGlite) answers a query. */
@Injectable()
export class DbReadiness {
  readonly name = 'postgres';
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async check(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}

const repositories = [
  ProjectRepository,
  ProjectSettingsRepository,
  ApiKeyRepository,
  AuditRepository,
  CohortRepository,
  FunnelRepository,
  RuleRepository,
  SignalRepository,
  RuleRunRepository,
  RuleWatermarkRepository,
  AccountHealthRepository,
  TaskRepository,
  NoteRepository,
  EmailTemplateRepository,
  TrainingContentRepository,
  OutboxRepository,
  EmailClickRepository,
  SuppressionRepository,
  UserRepository,
  MembershipRepository,
  SessionRepository,
  UserTokenRepository,
  InviteRepository,
  SurveyRepository,
  FeedbackRepository,
  GoalRepository,
  PersonDeletionRepository,
  PersonRecordsRepository,
  SuppressedPeopleRepository,
];

/** Provides Kysely over Postgres or PGlite, migrated at start-up, and the repositories. */
@Global()
@Module({
  providers: [
    { provide: DB, inject: [BINDERY_CONFIG], useFactory: (config: BinderyConfig) => createDatabase(config) },
    DbReadiness,
    ...repositories,
  ],
  exports: [DB, DbReadiness, ...repositories],
})
export class DbModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DbModule.name);
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async onModuleInit(): Promise<void> {
    this.logger.log('Applying Postgres migrations');
    const started = Date.now();
    const applied = await migrateDatabase(this.db);
    this.logger.log(
      { applied, ms: Date.now() - started },
      `Postgres migrations done: ${applied.length} applied`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
