import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { OutboundPolicy } from './outbound-policy';
import { OutboundRefused, outboundRequest, outboundUrlRefusal, type Resolver } from './outbound-request';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server that records what reaches it and answers with `answer`. */
async function listen(
  answer: (res: ServerResponse) => void,
): Promise<{ server: Server; port: number; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, got };
}

const post = {
  method: 'POST' as const,
  headers: { 'content-type': 'application/json' },
  body: '{"a":1}',
  timeoutMs: 2_000,
};
const closed: Server[] = [];
const serve = async (answer: (res: ServerResponse) => void) => {
  const s = await listen(answer);
  closed.push(s.server);
  return s;
};
/** A DNS that answers every name with the given addresses (a name that rebinds answers differently later). */
const dns =
  (...answers: string[][]): Resolver =>
  () => {
    const next = (answers.length > 1 ? answers.shift() : answers[0]) ?? [];
    return Promise.resolve(next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };

afterAll(async () => {
  await Promise.all(closed.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('outboundRequest', () => {
  const open = new OutboundPolicy([]);
  const local = new OutboundPolicy([{ kind: 'subnet', address: '127.0.0.1', prefix: 32, family: 'ipv4' }]);

  it('refuses a loopback URL in any notation before connecting', async () => {
    const target = await serve((res) => res.writeHead(204).end());
    for (const host of [
      '127.0.0.1',
      '0x7f000001',
      '2130706433',
      '127.1',
      '[::ffff:127.0.0.1]',
      'localhost',
    ]) {
      await expect(outboundRequest(open, `http://${host}:${target.port}/hook`, post)).rejects.toThrow(
        OutboundRefused,
      );
    }
    expect(target.got).toEqual([]);
  });

  it('posts to an allow-listed address, whatever its notation, and gives the status', async () => {
    const target = await serve((res) => res.writeHead(202).end('ok'));
    const res = await outboundRequest(local, `http://0x7f000001:${target.port}/hook?x=1`, {
      ...post,
      headers: { ...post.headers, 'x-bindery-signature': 'sha256=ab' },
    });

    expect(res.status).toBe(202);
    expect(target.got).toEqual([
      {
        headers: expect.objectContaining({
          'x-bindery-signature': 'sha256=ab',
          host: `127.0.0.1:${target.port}`,
        }),
        body: '{"a":1}',
      },
    ]);
  });

  it('does not follow a redirect, even to another allowed address', async () => {
    const second = await serve((res) => res.writeHead(204).end());
    const first = await serve((res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${second.port}/internal` }).end(),
    );
    const sent = outboundRequest(local, `http://127.0.0.1:${first.port}/hook`, post);

    await expect(sent).rejects.toThrow(OutboundRefused);
    await expect(sent).rejects.toThrow(
      `answered 302 redirecting to http://127.0.0.1:${second.port}/internal; redirects are not followed`,
    );
    expect(first.got).toHaveLength(1);
    expect(second.got).toEqual([]);
  });

  it('checks every address a name resolves to when it connects, and connects to the one checked', async () => {
    const target = await serve((res) => res.writeHead(204).end());
    const url = `http://hooks.example.com:${target.port}/hook`;

    await expect(outboundRequest(open, url, { ...post, resolver: dns(['127.0.0.1']) })).rejects.toThrow(
      'hooks.example.com resolves to 127.0.0.1, a loopback address',
    );
    await expect(
      outboundRequest(open, url, { ...post, resolver: dns(['93.184.216.34', '::ffff:127.0.0.1']) }),
    ).rejects.toThrow('hooks.example.com resolves to ::ffff:127.0.0.1, a loopback address (IPv4-mapped)');
    expect(target.got).toEqual([]);

    // The allow-list names the address: the request goes there, under the name it was asked for.
    const res = await outboundRequest(local, url, { ...post, resolver: dns(['127.0.0.1']) });
    expect(res.status).toBe(204);
    expect(target.got.map((r) => r.headers.host)).toEqual([`hooks.example.com:${target.port}`]);
  });

  it('refuses a name that resolved to a public address when saved and rebinds to loopback when sent', async () => {
    const target = await serve((res) => res.writeHead(204).end());
    const url = `http://rebind.example.com:${target.port}/hook`;
    const rebinding = dns(['93.184.216.34'], ['127.0.0.1']);

    expect(await outboundUrlRefusal(open, url, rebinding)).toBeUndefined();
    await expect(outboundRequest(open, url, { ...post, resolver: rebinding })).rejects.toThrow(
      'rebind.example.com resolves to 127.0.0.1, a loopback address',
    );
    expect(target.got).toEqual([]);
  });

  it('gives up on a target that does not answer in time', async () => {
    const silent = await serve(() => undefined);
    await expect(
      outboundRequest(local, `http://127.0.0.1:${silent.port}/`, { ...post, timeoutMs: 200 }),
    ).rejects.toThrow('no answer from 127.0.0.1 within 200 ms');
  });
});

describe('outboundUrlRefusal', () => {
  const open = new OutboundPolicy([]);

  it('refuses a URL whose name resolves to a refused address now, and takes one that does not resolve', async () => {
    expect(await outboundUrlRefusal(open, 'http://hooks.example.com/', dns(['10.0.0.7']))).toBe(
      'hooks.example.com resolves to 10.0.0.7, a private address',
    );
    expect(await outboundUrlRefusal(open, 'http://localhost:5432/')).toBe(
      'points at localhost, a name for local or internal hosts',
    );
    expect(await outboundUrlRefusal(open, 'http://169.254.169.254/')).toBe(
      'points at 169.254.169.254, a link-local address (cloud metadata lives there)',
    );
    const nowhere: Resolver = () => Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));
    expect(await outboundUrlRefusal(open, 'https://hooks.example.com/x', nowhere)).toBeUndefined();
  });
});
