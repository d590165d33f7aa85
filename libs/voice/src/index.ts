export * from './voice.module';
export * from './surveys/user-signature';
