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
import { AccountRiskService } from './accounts/account-risk.service';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { ActivityService } from './activity/activity.service';
import { FeatureService } from './features/features.service';
import { RetentionService } from './retention/retention.service';

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
  ],
  providers: [
    EventExplorerService,
    SavedFunnelsService,
    FunnelService,
    RetentionService,
    ActivityService,
    FeatureService,
    AccountsService,
    AccountRiskService,
  ],
})
export class AnalyticsModule {}
