export * from './analytics.module';
export * from './explorer/event-explorer.service';
export * from './explorer/event-list.query';
