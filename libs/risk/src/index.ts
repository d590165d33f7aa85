export * from './account-risk.service';
