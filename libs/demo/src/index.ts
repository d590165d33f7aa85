export * from './demo-data';
export * from './demo-send';
export * from './demo-setup';
