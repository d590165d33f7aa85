import { loadConfig } from '@bindery/config';
import { OutboundPolicy } from './outbound-policy';

const policy = new OutboundPolicy([]);
const refusal = (url: string) => {
  const target = policy.target(url);
  return 'refused' in target ? target.refused : undefined;
};
const allowing = (hosts: string) =>
  OutboundPolicy.of(loadConfig({ OUTBOUND_ALLOW_HOSTS: hosts }, { port: 0 }).outbound);

describe('OutboundPolicy', () => {
  it.each([
    // Loopback in every notation the URL parser reads as 127.0.0.1 or ::1.
    ['http://127.0.0.1/hook', '127.0.0.1 is a loopback address'],
    ['http://127.0.0.1:5432/', '127.0.0.1 is a loopback address'],
    ['http://0x7f000001/', '127.0.0.1 is a loopback address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://127.1/', '127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://127.255.255.254/', '127.255.255.254 is a loopback address'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://[0:0:0:0:0:0:0:1]/', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is a loopback address (IPv4-mapped)'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1 is a loopback address (IPv4-mapped)'],
    // Unspecified, private, link-local (metadata), CGNAT, multicast, reserved.
    ['http://0.0.0.0/', '0.0.0.0 is an unspecified address'],
    ['http://0/', '0.0.0.0 is an unspecified address'],
    ['http://[::]/', ':: is an unspecified address'],
    ['http://10.1.2.3/', '10.1.2.3 is a private address'],
    ['http://172.16.0.1/', '172.16.0.1 is a private address'],
    ['http://172.31.255.255/', '172.31.255.255 is a private address'],
    ['http://192.168.1.1/', '192.168.1.1 is a private address'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254 is a private address'],
    ['http://[fc00::1]/', 'fc00::1 is a private address'],
    ['http://[::ffff:10.0.0.1]/', '::ffff:a00:1 is a private address (IPv4-mapped)'],
    [
      'http://169.254.169.254/latest/meta-data/',
      '169.254.169.254 is a link-local address (cloud metadata lives there)',
    ],
    [
      'http://[::ffff:169.254.169.254]/',
      '::ffff:a9fe:a9fe is a link-local address (cloud metadata lives there) (IPv4-mapped)',
    ],
    ['http://[fe80::1]/', 'fe80::1 is a link-local address (cloud metadata lives there)'],
    ['http://100.100.100.200/', '100.100.100.200 is a carrier-grade NAT address'],
    ['http://224.0.0.1/', '224.0.0.1 is a multicast or broadcast address'],
    ['http://255.255.255.255/', '255.255.255.255 is a multicast or broadcast address'],
    ['http://[ff02::1]/', 'ff02::1 is a multicast or broadcast address'],
    ['http://192.0.0.192/', '192.0.0.192 is a reserved or special-purpose address'],
    ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe is a reserved or special-purpose address'],
    ['http://[2002:7f00:1::]/', '2002:7f00:1:: is a reserved or special-purpose address'],
    ['http://[::7f00:1]/', '::7f00:1 is not a global unicast address'],
    ['http://[::ffff:8.8.8.8]/', '::ffff:808:808 is not a global unicast address (IPv4-mapped)'],
  ])('refuses %s: %s', (url, why) => {
    expect(refusal(url)).toBe(`points at ${why.replace(' is ', ', ')}`);
  });

  it.each([
    ['http://localhost:5432/', 'points at localhost, a name for local or internal hosts'],
    ['http://LOCALHOST./', 'points at localhost., a name for local or internal hosts'],
    ['http://api.localhost/', 'points at api.localhost, a name for local or internal hosts'],
    [
      'http://metadata.google.internal/',
      'points at metadata.google.internal, a name for local or internal hosts',
    ],
    ['http://printer.local/', 'points at printer.local, a name for local or internal hosts'],
    ['http://redis:6379/', 'points at redis, a single-label (internal) host name'],
    ['ftp://example.com/', 'must be http or https'],
    ['file:///etc/passwd', 'must be http or https'],
    ['gopher://example.com:6379/_', 'must be http or https'],
    ['not a url', 'is not a URL'],
    ['http://[fe80::1%25eth0]/', 'is not a URL'],
  ])('refuses %s by its name or scheme', (url, why) => {
    expect(refusal(url)).toBe(why);
  });

  it('takes public hosts and addresses, in any notation', () => {
    for (const url of [
      'https://hooks.slack.com/services/T000/B000/XXX',
      'https://example.com./hook',
      'http://93.184.216.34:8080/',
      'http://0x5db8d822/',
      'http://[2606:2800:220:1:248:1893:25c8:1946]/',
    ]) {
      expect(refusal(url)).toBeUndefined();
    }
    expect(policy.target('http://0x5db8d822/')).toMatchObject({ host: '93.184.216.34', literal: true });
  });

  it('lets the allow-list open hosts, addresses and subnets, and nothing else', () => {
    const onPrem = allowing('127.0.0.1, 10.20.0.0/16, [fd12::]/16, hooks.corp, Relay.Corp.Example');

    expect(onPrem.addressRefusal('127.0.0.1')).toBeUndefined();
    expect(onPrem.addressRefusal('::ffff:127.0.0.1')).toBeUndefined();
    expect(onPrem.addressRefusal('127.0.0.2')).toBe('a loopback address');
    expect(onPrem.addressRefusal('10.20.255.1')).toBeUndefined();
    expect(onPrem.addressRefusal('10.21.0.1')).toBe('a private address');
    expect(onPrem.addressRefusal('fd12:3::4')).toBeUndefined();
    expect(onPrem.addressRefusal('fd13::4')).toBe('a private address');
    expect(onPrem.addressRefusal('169.254.169.254')).toMatch(/link-local/);
    expect(onPrem.target('http://0x7f000001:9000/')).toMatchObject({ host: '127.0.0.1', literal: true });
    expect(onPrem.target('http://hooks.corp/x')).toMatchObject({ host: 'hooks.corp', allowedHost: true });
    expect(onPrem.target('http://relay.corp.example/x')).toMatchObject({ allowedHost: true });
    expect(onPrem.target('http://other.corp/x')).toMatchObject({ allowedHost: false });
    expect(onPrem.target('http://localhost/')).toEqual({
      refused: 'points at localhost, a name for local or internal hosts',
    });
    expect(allowing('localhost').target('http://localhost:8080/')).toMatchObject({ allowedHost: true });
  });

  it('reads allow-list notations as the URL parser does, and stops at a bad entry', () => {
    expect(loadConfig({ OUTBOUND_ALLOW_HOSTS: '0x7f000001,[::1],::1/128' }, { port: 0 }).outbound).toEqual({
      allow: [
        { kind: 'subnet', address: '127.0.0.1', prefix: 32, family: 'ipv4' },
        { kind: 'subnet', address: '::1', prefix: 128, family: 'ipv6' },
        { kind: 'subnet', address: '::1', prefix: 128, family: 'ipv6' },
      ],
    });
    expect(loadConfig({}, { port: 0 }).outbound).toEqual({ allow: [] });
    for (const bad of ['10.0.0.0/33', 'http://hooks.corp', 'hooks.corp:8080', 'a b', '10.0.0.0/8/1', 'x/8']) {
      expect(() => loadConfig({ OUTBOUND_ALLOW_HOSTS: bad }, { port: 0 })).toThrow(
        `Invalid environment variable OUTBOUND_ALLOW_HOSTS: ${JSON.stringify(bad)}`,
      );
    }
  });
});
