import { Global, Module } from '@nestjs/common';
import { CohortMembership } from '@bindery/contracts';
import { EventQueriesModule } from '@bindery/event-queries';
import { CohortsController } from './cohorts/cohorts.controller';
import { CohortsService } from './cohorts/cohorts.service';
import { EventExplorerController } from './explorer/event-explorer.controller';
import { EventExplorerService } from './explorer/event-explorer.service';
import { FunnelController } from './funnels/funnel.controller';
import { FunnelService } from './funnels/funnel.service';
import { SavedFunnelsController } from './funnels/saved-funnels.controller';
import { SavedFunnelsService } from './funnels/saved-funnels.service';
import { ReportsController } from './reports.controller';
import { AccountRiskController } from './accounts/account-risk.controller';
import { AccountRiskService } from '@bindery/risk';
import { AccountFactsService } from './accounts/account-facts.service';
import { AccountOverviewController } from './accounts/account-overview.controller';
import { AccountOverviewService } from './accounts/account-overview.service';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { ActivityService } from './activity/activity.service';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { FeatureReport } from './features/feature-report';
import { FeatureService } from './features/features.service';
import { RetentionService } from './retention/retention.service';
import { ProjectTimeZone } from './time-zone/project-time-zone';
import { PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';
import { PrivacyProcessor } from './people/privacy.processor';
import { PersonDeletionService } from './people/deletion/person-deletion.service';

/**
 * Reports over the events store: explorer, funnels, retention, active users, feature adoption, accounts, and
 * cohorts. Global for the cohorts' members alone: outreach acts on them and may not import this library.
 */
@Global()
@Module({
  imports: [EventQueriesModule],
  controllers: [
    EventExplorerController,
    SavedFunnelsController,
    FunnelController,
    ReportsController,
    AccountsController,
    AccountOverviewController,
    AccountRiskController,
    PeopleController,
    ExportsController,
    CohortsController,
  ],
  providers: [
    ProjectTimeZone,
    EventExplorerService,
    SavedFunnelsService,
    FunnelService,
    RetentionService,
    ActivityService,
    FeatureReport,
    FeatureService,
    AccountsService,
    AccountFactsService,
    AccountOverviewService,
    AccountRiskService,
    PeopleService,
    PersonDeletionService,
    PrivacyProcessor,
    ExportsService,
    CohortsService,
    { provide: CohortMembership, useExisting: CohortsService },
  ],
  exports: [CohortMembership],
})
export class AnalyticsModule {}
