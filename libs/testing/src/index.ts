export * from './stores';
export * from './test-app';
export * from './http';
