export * from './emails/email.service';
export * from './emails/mail-transport';
export * from './outreach.module';
export * from './content/templates/template-renderer';
export * from './content/templates/template-sandbox';
export * from './emails/unsubscribe-token';
export * from './webhooks/webhook.processor';
export * from './goals/goal-report.service';
