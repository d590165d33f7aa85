export * from './mail-transport';
export * from './outreach.module';
export * from './templates/template-renderer';
export * from './templates/template-sandbox';
export * from './unsubscribe-token';
export * from './webhook.processor';
