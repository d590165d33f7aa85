export * from './database';
export * from './db.module';
export * from './repositories/api-key.repository';
export * from './repositories/audit.repository';
export * from './repositories/funnel.repository';
export * from './repositories/project.repository';
export * from './schema';
