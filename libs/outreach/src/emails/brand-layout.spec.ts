import { compileValidator, ProjectSettingsSchema } from '@bindery/contracts';
import { brandEmail, brandSender, DEFAULT_BRAND_COLOR } from './brand-layout';

const EMAIL = { subject: 'Hi <Ann>', html: '<p>Hi &lt;Ann&gt;</p>', text: 'Hi <Ann>\n\n' };
const UNSUBSCRIBE = 'https://bindery.example.com/v1/unsubscribe?token=t';

describe('brandEmail', () => {
  it('frames the HTML with the logo, the colour and a footer with the postal address and unsubscribe link', () => {
    const email = brandEmail(
      EMAIL,
      {
        logoUrl: 'https://cdn.example.com/logo.png?a=1&b=2',
        primaryColor: '#0f766e',
        senderName: 'Acme & Co',
        postalAddress: ' 1 Main St \r\n\n<i>Springfield</i>',
      },
      UNSUBSCRIBE,
    );

    expect(email.subject).toBe('Hi <Ann>');
    expect(email.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(email.html).toContain('<title>Hi &lt;Ann&gt;</title>');
    expect(email.html).toContain('<p>Hi &lt;Ann&gt;</p>');
    expect(email.html).toContain(
      '<img src="https://cdn.example.com/logo.png?a&#x3D;1&amp;b&#x3D;2" alt="Acme &amp; Co"',
    );
    expect(email.html).toContain('border-top:4px solid #0f766e');
    expect(email.html).toContain('1 Main St<br>&lt;i&gt;Springfield&lt;/i&gt;</p>');
    expect(email.html).toContain('You get this email as a user of Acme &amp; Co.');
    expect(email.html).toContain('<a href="https://bindery.example.com/v1/unsubscribe?token&#x3D;t"');
    expect(email.html).toContain('font-family:-apple-system');
    expect(email.text).toBe(`Hi <Ann>\n\n--\n1 Main St\n<i>Springfield</i>\nUnsubscribe: ${UNSUBSCRIBE}\n`);
  });

  it('without a brand: the default colour, no logo, no address, the unsubscribe link all the same', () => {
    const email = brandEmail(EMAIL, {}, UNSUBSCRIBE);

    expect(email.html).toContain(`border-top:4px solid ${DEFAULT_BRAND_COLOR}`);
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('as a user of');
    expect(email.html).toContain('>Unsubscribe</a>');
    expect(email.text).toBe(`Hi <Ann>\n\n--\nUnsubscribe: ${UNSUBSCRIBE}\n`);
  });
});

describe('brandSender', () => {
  const MAIL_FROM = 'Bindery <bindery@mail.example>';

  it('is the brand’s name and address, the name over MAIL_FROM’s address, or nothing', () => {
    expect(brandSender({ senderName: 'Acme', senderAddress: 'hi@acme.example' }, MAIL_FROM)).toEqual({
      name: 'Acme',
      address: 'hi@acme.example',
    });
    expect(brandSender({ senderAddress: 'hi@acme.example' }, MAIL_FROM)).toEqual({
      name: null,
      address: 'hi@acme.example',
    });
    expect(brandSender({ senderName: 'Acme' }, MAIL_FROM)).toEqual({
      name: 'Acme',
      address: 'bindery@mail.example',
    });
    expect(brandSender({ postalAddress: '1 Main St' }, MAIL_FROM)).toBeUndefined();
  });
});

describe('brand settings', () => {
  const check = compileValidator(ProjectSettingsSchema);
  const settings = (brand: object) => ({
    healthWeights: { recency: 1, activeShare: 1, breadth: 1, trend: 1, signals: 1 },
    keyFeatures: [],
    brand,
  });

  it('take an https logo, a #rrggbb colour, a one-line sender name and a plain sender address', () => {
    expect(
      check(
        settings({
          logoUrl: 'https://cdn.example.com/logo.png',
          primaryColor: '#0F766e',
          senderName: 'Acme Training',
          senderAddress: 'training@acme.example',
          postalAddress: '1 Main St\nSpringfield',
        }),
      ).ok,
    ).toBe(true);
  });

  it.each([
    ['an http logo', { logoUrl: 'http://cdn.example.com/logo.png' }],
    ['a logo URL that leaves its attribute', { logoUrl: 'https://x.example/a"onerror="b' }],
    ['a colour name', { primaryColor: 'teal' }],
    ['a short colour', { primaryColor: '#0f7' }],
    ['a sender name with a line break', { senderName: 'Acme\r\nBcc: victim@example.com' }],
    ['a sender name with angle brackets', { senderName: 'Acme <evil@example.com>' }],
    ['a sender address with a line break', { senderAddress: 'a@acme.example\r\nBcc: v@example.com' }],
    ['an unknown property', { footer: 'x' }],
  ])('refuse %s', (_what, brand) => {
    expect(check(settings(brand)).ok).toBe(false);
  });
});
