export * from './stores';
export * from './test-app';
export * from './http';
export * from './analytics/generator';
export * from './analytics/reference';
export * from './bench-events';
