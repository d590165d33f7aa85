import 'reflect-metadata';
import { startHttpApp } from '@bindery/server';
import { IngestAppModule } from './app.module';

void startHttpApp({
  title: 'Bindery ingest',
  docs: true,
  defaultPort: 8081,
  module: (config) => IngestAppModule.forRoot(config),
});
