import { bindery } from './bindery';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the test starts the app the CLI talks to
import { StandaloneModule } from '../../standalone/src/app.module';
import { startTestApp, type TestApp, TestSession } from '@bindery/testing';

/** The CLI against a running app over HTTP, as an operator runs it. */
describe('bindery CLI', () => {
  let t: TestApp;
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const program = bindery((text) => lines.push(text)).exitOverride();
    await program.parseAsync(['--url', t.url, '--token', t.adminToken, ...args], { from: 'user' });
    return lines.join('\n');
  };

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
  });
  afterAll(() => t.close());

  it('creates a project, rotates its key and runs its rules, in JSON for scripts', async () => {
    const project = JSON.parse(await run('--json', 'create-project', 'From the CLI')) as {
      id: string;
      writeKey: string;
    };
    const rotated = JSON.parse(await run('--json', 'rotate-key', project.id)) as {
      kind: string;
      key: string;
    };
    const ran = await run('run-rules', project.id);

    expect(project.writeKey).toMatch(/^wk_/);
    expect(rotated.kind).toBe('write');
    expect(rotated.key).not.toBe(project.writeKey);
    expect(ran).toMatch(/^run [0-9a-f-]+: done\nsignals: 0, accounts scored: 0$/);
  });

  it('creates the first user of a project, as owner, with the password it asks for', async () => {
    const project = JSON.parse(await run('--json', 'create-project', 'Team')) as { id: string };
    const lines: string[] = [];
    const prompts: string[] = [];
    const program = bindery(
      (text) => lines.push(text),
      (prompt) => {
        prompts.push(prompt);
        return Promise.resolve('a long enough password');
      },
    ).exitOverride();
    await program.parseAsync(
      ['--url', t.url, '--token', t.adminToken, 'create-user', project.id, 'Olga.Cli@Vendor.example'],
      { from: 'user' },
    );

    expect(prompts).toEqual(['Password for Olga.Cli@Vendor.example: ']);
    expect(lines[0]).toMatch(/^user olga\.cli@vendor\.example \([0-9a-f-]+\) is owner of project /);
    const session = await TestSession.signIn(t.url, 'olga.cli@vendor.example', 'a long enough password');
    expect(session.info.projects).toEqual([{ projectId: project.id, name: 'Team', role: 'owner' }]);
  });

  it('says what the API refused', async () => {
    await expect(
      run('rotate-key', '00000000-0000-7000-8000-000000000000', '--kind', 'secret'),
    ).rejects.toThrow(/^POST \/v1\/projects\/00000000-0000-7000-8000-000000000000\/keys\/rotate: 404/);
  });
});
