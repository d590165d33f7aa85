import 'reflect-metadata';
import { startHttpApp } from '@bindery/server';
import { ApiAppModule } from './app.module';

void startHttpApp({
  title: 'Bindery API',
  docs: true,
  dashboard: true,
  defaultPort: 8080,
  module: (config) => ApiAppModule.forRoot(config),
});
