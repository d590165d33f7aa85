export * from './mail-transport';
export * from './outreach.module';
export * from './template-renderer';
export * from './unsubscribe-token';
export * from './webhook.processor';
