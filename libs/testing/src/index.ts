export * from './stores';
export * from './test-app';
export * from './http';
export * from './analytics/generator';
export * from './analytics/reference';
export * from './bench-events';
export * from './smtp';
export * from './recording-server';

export * from './until';
export * from './stored-events';
export * from './chromium';
export * from './csv';
export * from './event-row';
export * from './nth';
export * from './team';
export * from './free-port';
