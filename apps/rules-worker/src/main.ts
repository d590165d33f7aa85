import 'reflect-metadata';
import { startHttpApp } from '@bindery/server';
import { RulesWorkerAppModule } from './app.module';

void startHttpApp({
  title: 'Bindery rules worker',
  docs: false,
  defaultPort: 8082,
  module: (config) => RulesWorkerAppModule.forRoot(config),
});
