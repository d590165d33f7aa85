import { Module } from '@nestjs/common';
import { EventQueriesModule } from '@bindery/event-queries';
import { EventExplorerController } from './explorer/event-explorer.controller';
import { EventExplorerService } from './explorer/event-explorer.service';
import { FunnelController } from './funnels/funnel.controller';
import { FunnelService } from './funnels/funnel.service';
import { SavedFunnelsController } from './funnels/saved-funnels.controller';
import { SavedFunnelsService } from './funnels/saved-funnels.service';
import { ReportsController } from './reports.controller';
import { AccountRiskController } from './accounts/account-risk.controller';
import { AccountRiskService } from '@bindery/risk';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { ActivityService } from './activity/activity.service';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { FeatureReport } from './features/feature-report';
import { FeatureService } from './features/features.service';
import { RetentionService } from './retention/retention.service';
import { PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';
import { PersonDeletionProcessor } from './people/deletion/person-deletion.processor';
import { PersonDeletionService } from './people/deletion/person-deletion.service';

/** Reports over the events store: explorer, funnels, retention, active users, feature adoption, accounts. */
@Module({
  imports: [EventQueriesModule],
  controllers: [
    EventExplorerController,
    SavedFunnelsController,
    FunnelController,
    ReportsController,
    AccountsController,
    AccountRiskController,
    PeopleController,
    ExportsController,
  ],
  providers: [
    EventExplorerService,
    SavedFunnelsService,
    FunnelService,
    RetentionService,
    ActivityService,
    FeatureReport,
    FeatureService,
    AccountsService,
    AccountRiskService,
    PeopleService,
    PersonDeletionService,
    PersonDeletionProcessor,
    ExportsService,
  ],
})
export class AnalyticsModule {}
