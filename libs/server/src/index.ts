export * from './body-parser';
export * from './endpoint.decorator';
export * from './error-response';
export * from './exception.filter';
export * from './health';
export * from './http-app';
export * from './metrics';
export * from './platform.module';
