import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { type ParsedMail } from 'mailparser';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { type DomainError, type TemplateTrialBody } from '@bindery/contracts';
import {
  DbModule,
  FunnelRepository,
  OutboxRepository,
  ProjectRepository,
  ProjectSettingsRepository,
  TrainingContentRepository,
} from '@bindery/db';
import { EventQueriesModule } from '@bindery/event-queries';
import { eventRow, startTestContext, startTestSmtp, type TestSmtp, until } from '@bindery/testing';
import { MailTransport } from '../emails/mail-transport';
import { SigningKey } from '../emails/signing-key';
import { TraitsService } from '../emails/traits.service';
import { TemplateSandbox } from './templates/template-sandbox';
import { TemplateTrialService } from './template-trial.service';

const HOSTILE_NAME = 'jun <img src=x onerror=alert(1)> "li"';
const DRAFT = {
  subject: 'Hi {{firstName user "there"}}: {{featureName}}',
  html:
    '<p>Hi {{firstName user "there"}} ({{user.name}}),</p><p>We noticed you tried {{featureName}}. ' +
    '<a href="{{content.url}}">{{content.title}}</a></p>',
  text: 'Hi {{firstName user "there"}} ({{user.name}}),\nWe noticed you tried {{featureName}}: {{content.url}}',
};

/**
 * Previews and test sends of a draft for a real person (traits in chDB, content and settings in PGlite), sent
 * through a real SMTP server in-process and read as a mail client reads it.
 */
describe('template trials: preview as a person and send a test to yourself', () => {
  let app: INestApplicationContext;
  let smtp: TestSmtp;
  let trials: TemplateTrialService;
  const projectId = uuidv7();
  const tester = `tester-${randomBytes(4).toString('hex')}@example.com`;
  let funnelId: string;

  const trial = (over: Partial<TemplateTrialBody> = {}): TemplateTrialBody => ({
    ...DRAFT,
    personId: 'jun',
    contentKey: 'data_import',
    ...over,
  });
  const header = (mail: ParsedMail, name: string) => {
    const line = mail.headerLines.find((h) => h.key === name)?.line ?? '';
    return line.slice(line.indexOf(':') + 1).trim();
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestContext(
      {
        imports: [ClickHouseModule, DbModule, EventQueriesModule],
        providers: [TemplateTrialService, TraitsService, TemplateSandbox, SigningKey, MailTransport],
      },
      { PUBLIC_URL: 'https://bindery.example.com', SMTP_URL: smtp.url },
    );
    trials = app.get(TemplateTrialService);

    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: `trials-${randomBytes(4).toString('hex')}` },
      project: { id: projectId, name: 'template trials' },
      keys: [{ id: uuidv7(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_t' }],
    });
    const settingsRepo = app.get(ProjectSettingsRepository);
    await settingsRepo.replace(projectId, await settingsRepo.get(projectId), {
      healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
      keyFeatures: [],
      features: [{ key: 'data_import', name: 'Data import' }],
      brand: {
        logoUrl: 'https://cdn.acme.example/logo.png',
        primaryColor: '#0f766e',
        senderName: 'Acme Training',
        senderAddress: 'training@acme.example',
        postalAddress: 'Acme Inc.\n<b>1</b> Main Street\nSpringfield',
      },
    });
    const content = app.get(TrainingContentRepository);
    await content.create(projectId, uuidv7(), {
      key: 'data_import',
      title: 'Importing <data>',
      url: 'https://help.acme.example/import?a=1&b=2',
      summary: 'Two clicks.',
    });
    funnelId = uuidv7();
    await app.get(FunnelRepository).create(projectId, funnelId, {
      name: 'Onboarding',
      description: '',
      definition: {
        steps: [{ event: 'Signed Up' }, { event: 'reportShared' }],
        windowSeconds: 86_400,
        order: 'ordered',
        aggregateBy: 'user',
      },
    });
    await content.create(projectId, uuidv7(), {
      key: `funnel:${funnelId}:step:2`,
      title: 'Share a report',
      url: 'https://help.acme.example/share',
      summary: '',
    });
    await app.get<ClickHouseClient>(CLICKHOUSE).insert({
      table: 'events',
      values: [
        eventRow(projectId, Date.now() - 86_400_000, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: 'jun',
          traits: JSON.stringify({ email: 'Jun@Acme.example', name: HOSTILE_NAME }),
        }),
      ],
      format: 'JSONEachRow',
    });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('renders the draft for the person with the real content, escaped, in the project’s layout', async () => {
    const preview = await trials.preview(projectId, trial());

    expect(preview).toMatchObject({
      subject: 'Hi Jun: Data import',
      from: 'Acme Training <training@acme.example>',
      to: 'jun@acme.example',
      feature: 'data_import',
      featureName: 'Data import',
    });
    expect(preview.html).toContain(
      'Hi Jun (jun &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;li&quot;),',
    );
    expect(preview.html).not.toContain('<img src=x');
    expect(preview.html).toContain('We noticed you tried Data import.');
    expect(preview.html).toContain('href="https://help.acme.example/import?a&#x3D;1&amp;b&#x3D;2"');
    expect(preview.html).toContain('Importing &lt;data&gt;');
    expect(preview.html).toContain('<img src="https://cdn.acme.example/logo.png" alt="Acme Training"');
    expect(preview.html).toContain('border-top:4px solid #0f766e');
    expect(preview.html).toContain('Acme Inc.<br>&lt;b&gt;1&lt;/b&gt; Main Street<br>Springfield');
    // A preview holds no working unsubscribe link.
    expect(preview.html).toContain('href="https://bindery.example.com/v1/unsubscribe?token&#x3D;preview"');
    expect(preview.text).toBe(
      `Hi Jun (${HOSTILE_NAME}),\nWe noticed you tried Data import: https://help.acme.example/import?a=1&b=2\n\n--\n` +
        'Acme Inc.\n<b>1</b> Main Street\nSpringfield\n' +
        'Unsubscribe: https://bindery.example.com/v1/unsubscribe?token=preview\n',
    );
  });

  it('takes a funnel step’s feature from the funnel, and refuses unknown content and broken drafts', async () => {
    const step = await trials.preview(projectId, trial({ contentKey: `funnel:${funnelId}:step:2` }));
    expect(step).toMatchObject({ feature: 'reportShared', featureName: 'Report shared' });
    expect(step.html).toContain('We noticed you tried Report shared.');

    await expect(trials.preview(projectId, trial({ contentKey: 'nothing' }))).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(trials.preview(projectId, trial({ html: '<p>{{{user.name}}}</p>' }))).rejects.toMatchObject({
      code: 'invalid_input',
      details: { part: 'html', rule: 'unescaped_output' },
    });
    // Another project sees neither the content nor the person.
    await expect(trials.preview(uuidv7(), trial())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sends the test to the tester alone, from the project’s sender, as text and HTML, outside the outbox', async () => {
    const sent = await trials.sendTest(projectId, trial(), tester);
    const [mail] = await until(
      'the test email',
      async () => smtp.to(tester),
      (mails) => mails.length === 1,
    );
    if (!mail) throw new Error('the test email never arrived');

    expect(sent).toEqual({ to: tester, subject: '[Test] Hi Jun: Data import', messageId: mail.messageId });
    expect(smtp.to('jun@acme.example')).toHaveLength(0);
    expect(mail.from?.value).toEqual([{ name: 'Acme Training', address: 'training@acme.example' }]);
    expect(mail.subject).toBe('[Test] Hi Jun: Data import');
    expect(header(mail, 'list-unsubscribe')).toMatch(
      /^<https:\/\/bindery\.example\.com\/v1\/unsubscribe\?token=[^>]+>$/,
    );
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail, 'content-type')).toMatch(/^multipart\/alternative;/);
    expect(mail.text).toContain(`Hi Jun (${HOSTILE_NAME}),`);
    expect(mail.text).toContain('Acme Inc.\n<b>1</b> Main Street\nSpringfield');
    expect(mail.html).toContain('jun &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;li&quot;');
    expect(mail.html).not.toContain('<img src=x');
    // The unsubscribe link in the test is the tester's own, never the person's.
    const token = /token=([^>]+)>$/.exec(header(mail, 'list-unsubscribe'))?.[1] ?? '';
    expect(mail.html).toContain(`/v1/unsubscribe?token&#x3D;${token}`);
    expect(await app.get(OutboxRepository).list(projectId, { limit: 10 })).toEqual([]);
  });

  it('limits a tester’s test sends per project', async () => {
    const burst = `burst-${randomBytes(4).toString('hex')}@example.com`;
    const outcomes: (DomainError | string)[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await trials.sendTest(projectId, trial(), burst).then(
          (s) => s.to,
          (e: DomainError) => e,
        ),
      );
    }

    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill(burst));
    expect(outcomes[5]).toMatchObject({ code: 'rate_limited' });
  });
});
