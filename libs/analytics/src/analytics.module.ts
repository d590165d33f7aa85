import { Module } from '@nestjs/common';
import { EventExplorerController } from './explorer/event-explorer.controller';
import { EventExplorerService } from './explorer/event-explorer.service';

/** Queries over the events store: the event explorer now; funnels, retention and adoption join it here. */
@Module({ controllers: [EventExplorerController], providers: [EventExplorerService] })
export class AnalyticsModule {}
