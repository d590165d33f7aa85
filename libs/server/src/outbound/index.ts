export * from './outbound-policy';
export * from './outbound-request';
