import { emailDomain, parseDomainName, parseEmailAddress } from './email-address';

describe('parseEmailAddress', () => {
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['Ann.Lee@Example.COM', 'ann.lee@example.com'],
    ["o'brien+news@mail.example.co.uk", "o'brien+news@mail.example.co.uk"],
    ['a@b-c.io', 'a@b-c.io'],
    ['x@xn--bcher-kva.example', 'x@xn--bcher-kva.example'],
  ])('reads %j as %j', (input, address) => {
    expect(parseEmailAddress(input)).toBe(address);
  });

  it.each([
    // What nodemailer would rewrite into victim@example.com: comments, groups, display names, quotes.
    'victim@example.com(1)',
    '(c)victim@example.com',
    'x:victim@example.com',
    'x:victim@example.com;',
    'Victim <victim@example.com>',
    '<victim@example.com>',
    '"victim"@example.com',
    '"a@b"@example.com',
    'victim@example.com, other@example.com',
    'victim@example.com other@example.com',
    'javascript:alert(1)//@x.com',
    // Whitespace and control characters, anywhere.
    ' victim@example.com',
    'victim@example.com\n',
    'victim@example.com\r\nBcc: x@evil.example',
    'vic\u0000tim@example.com',
    'vic tim@example.com',
    'victím@example.com',
    // Local part and domain shapes.
    '@example.com',
    'victim@',
    'victim',
    'a@@example.com',
    'a@b@example.com',
    '.a@example.com',
    'a.@example.com',
    'a..b@example.com',
    'a@localhost',
    'a@example',
    'a@example.com.',
    'a@.example.com',
    'a@-example.com',
    'a@example-.com',
    'a@exa_mple.com',
    'a@127.0.0.1',
    'a@[127.0.0.1]',
    'a@[IPv6:::1]',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(64)}.com`,
    `a@${'b.'.repeat(126)}com`,
  ])('refuses %j', (input) => {
    expect(parseEmailAddress(input)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, ['a@b.co'], { email: 'a@b.co' }]) {
      expect(parseEmailAddress(value)).toBeUndefined();
    }
  });

  it('takes the longest addresses the limits allow', () => {
    const local = 'a'.repeat(64);
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(`${local}@${domain}`).toHaveLength(254);
    expect(parseEmailAddress(`${local}@${domain}`)).toBe(`${local}@${domain}`);
    expect(parseEmailAddress(`${local}@x${domain}`)).toBeUndefined();
  });

  it('names the domain of an address', () => {
    expect(emailDomain('ann@mail.example.com')).toBe('mail.example.com');
  });
});

describe('parseDomainName', () => {
  it('reads a domain lower-cased and refuses what is not one', () => {
    expect(parseDomainName('Vendor.Example')).toBe('vendor.example');
    for (const bad of ['vendor', '10.0.0.1', 'vendor.example.', '*.vendor.example', 'a b.example', '']) {
      expect(parseDomainName(bad)).toBeUndefined();
    }
  });
});
