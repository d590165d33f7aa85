export * from './analytics';
export * from './errors';
export * from './event';
export * from './posthog';
export * from './project';
export * from './rules';
export * from './segment';
export * from './validator';
