export * from './admin-token.service';
export * from './auth.module';
export * from './guards';
export * from './keys';
export * from './project-keys.service';
