import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { type CreatedProject, type SessionInfo, type SignInOptions } from '@bindery/contracts';
import { createTestUser, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const PUBLIC_URL = 'https://bindery.vendor.example';
const CALLBACK = `${PUBLIC_URL}/v1/session/oidc/callback`;
const CLIENT = { id: 'bindery', secret: 'a client secret of the test provider' };
/** The provider's people: its subject, and the email it vouches for. */
const PEOPLE: Record<string, { email: string; email_verified: boolean }> = {
  'sub-olga': { email: 'Olga.Oidc@Vendor.Example', email_verified: true },
  'sub-mallory': { email: 'mallory@elsewhere.example', email_verified: true },
  'sub-unverified': { email: 'olga.oidc@vendor.example', email_verified: false },
};

/** A browser's cookies for one site: what its answers set, sent back with the next requests. */
class Jar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
  }

  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/**
 * Sign-in with OpenID Connect against a real provider (oidc-provider) started here: Bindery's redirect with
 * PKCE, state and nonce, the provider's login and consent driven over HTTP as a browser would, the way back
 * checked, and only members let in.
 */
describe('OpenID Connect sign-in', () => {
  let provider: Provider;
  let issuer: Server;
  let issuerUrl: string;
  let app: TestApp;
  let project: CreatedProject;

  /** Bindery's start, the provider's login and consent: the URL the provider sends the browser back to. */
  async function atProvider(subject: string, bindery: Jar): Promise<URL> {
    const start = await fetch(`${app.url}/v1/session/oidc`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    bindery.take(start);
    const jar = new Jar();
    let location = start.headers.get('location') ?? '';
    expect(location.startsWith(`${issuerUrl}/auth?`)).toBe(true);
    const asked = new URL(location).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect([asked.get('state'), asked.get('nonce'), asked.get('code_challenge')]).toEqual([
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    for (let hop = 0; hop < 10; hop++) {
      if (location.startsWith(CALLBACK)) return new URL(location);
      const url = new URL(location, issuerUrl);
      const interaction = /^\/interaction\/[^/]+$/.test(url.pathname);
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header } });
      jar.take(res);
      if (interaction) {
        const page = await res.text();
        const prompt = page.includes('name="login"') ? `login&login=${subject}&password=any` : 'consent';
        const submitted = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
          body: `prompt=${prompt}`,
        });
        jar.take(submitted);
        location = submitted.headers.get('location') ?? '';
      } else {
        expect([url.pathname, res.status]).toEqual([url.pathname, 303]);
        location = res.headers.get('location') ?? '';
      }
    }
    throw new Error(`the provider did not send the browser back: ${location}`);
  }

  /** The browser's arrival at Bindery's callback (PUBLIC_URL stands for the test app). */
  const back = (url: URL, bindery: Jar) =>
    fetch(`${app.url}${url.pathname}${url.search}`, {
      redirect: 'manual',
      headers: { cookie: bindery.header },
    });

  beforeAll(async () => {
    const { default: OidcProvider } = await import('oidc-provider');
    issuer = createServer();
    await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
    issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
    provider = new OidcProvider(issuerUrl, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [CALLBACK],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      cookies: { keys: ['a cookie key of the test provider'] },
      findAccount: (_ctx, sub) =>
        PEOPLE[sub] ? { accountId: sub, claims: () => ({ sub, ...PEOPLE[sub] }) } : undefined,
    });
    const handle = provider.callback();
    issuer.on('request', (req, res) => void handle(req, res));

    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      PUBLIC_URL,
      OIDC_ISSUER_URL: issuerUrl,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_PROVIDER_NAME: 'Vendor SSO',
    });
    project = await app.createProject('oidc');
    await createTestUser(app, project.id, {
      email: 'olga.oidc@vendor.example',
      password: 'owner password 1',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => issuer?.close(resolve));
  });

  it('offers the provider on the sign-in page', async () => {
    const res = await fetch(`${app.url}/v1/session/options`);
    expect(await res.json()).toEqual({
      oidc: { name: 'Vendor SSO', url: '/v1/session/oidc' },
    } satisfies SignInOptions);
  });

  it('signs a member in with the authorization code flow and PKCE: a session as with a password', async () => {
    const bindery = new Jar();
    const returned = await atProvider('sub-olga', bindery);
    const flow = bindery.get('bindery_oidc') ?? '';
    expect(flow.split('.')[0]).toBe(returned.searchParams.get('state'));

    const res = await back(returned, bindery);
    expect([res.status, res.headers.get('location')]).toEqual([302, `${PUBLIC_URL}/`]);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('bindery_session='))!;
    expect(session.split('; ')).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Secure', 'Path=/']),
    );
    expect(cookies).toContainEqual(
      expect.stringMatching(/^bindery_oidc=; Path=\/v1\/session\/oidc; .*Max-Age=0/),
    );
    bindery.take(res);

    const me = await fetch(`${app.url}/v1/session`, { headers: { cookie: bindery.header } });
    expect(me.status).toBe(200);
    const info = (await me.json()) as SessionInfo;
    expect(info.user.email).toBe('olga.oidc@vendor.example');
    expect(info.projects).toEqual([{ projectId: project.id, name: 'oidc', role: 'owner' }]);
  });

  it('refuses a wrong state, and an answer without the sign-in’s cookie', async () => {
    const bindery = new Jar();
    const returned = await atProvider('sub-olga', bindery);
    const forged = new URL(returned);
    forged.searchParams.set('state', 'not-the-state-bindery-sent');

    const res = await back(forged, bindery);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('bindery_session='))).toBe(false);
    expect(await res.text()).toContain('did not match this sign-in');

    const cookieless = await back(returned, new Jar());
    expect(cookieless.status).toBe(400);
    expect(await cookieless.text()).toContain('started in another browser');
  });

  it('refuses someone who is not a member, and an email the provider did not verify, with a page', async () => {
    const stranger = new Jar();
    const res = await back(await atProvider('sub-mallory', stranger), stranger);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('<h1>Not a member</h1>');
    expect(text).toContain('mallory@elsewhere.example is not a member of any Bindery project. Ask an owner');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('bindery_session='))).toBe(false);

    const unverified = new Jar();
    const other = await back(await atProvider('sub-unverified', unverified), unverified);
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('no verified email');
  });
});
