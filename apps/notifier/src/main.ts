import 'reflect-metadata';
import { startHttpApp } from '@bindery/server';
import { NotifierAppModule } from './app.module';

void startHttpApp({
  title: 'Bindery notifier',
  docs: false,
  defaultPort: 8083,
  module: (config) => NotifierAppModule.forRoot(config),
});
