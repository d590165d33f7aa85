import 'reflect-metadata';
import { AdminTokenService } from '@bindery/auth';
import { startHttpApp } from '@bindery/server';
import { StandaloneModule } from './app.module';

async function main(): Promise<void> {
  const { app, config } = await startHttpApp({
    title: 'Bindery',
    docs: true,
    defaultPort: 8080,
    module: (c) => StandaloneModule.forRoot(c),
  });
  const url = `http://localhost:${config.port}`;
  const token = app.get(AdminTokenService).generatedToken;
  const lines = [
    '',
    `Bindery is running at ${url}  (API docs: ${url}/docs)`,
    token
      ? `Admin token (shown once, stored hashed under ${config.dataDir}): ${token}`
      : 'Admin token: BINDERY_ADMIN_TOKEN, or the one printed on first start',
    'Next: create a project, then send events with its write key:',
    `  curl -s -X POST ${url}/v1/projects -H "Authorization: Bearer <admin token>" -H 'Content-Type: application/json' -d '{"name":"My app"}'`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

void main();
