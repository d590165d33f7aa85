import { utf8Length } from './utf8';

describe('utf8Length', () => {
  it.each([
    '',
    'ascii',
    'é',
    '€uro',
    '日本語',
    'emoji 🎉 pair',
    'lone \ud800 surrogate',
    'end \udc00',
    '\ud83d',
  ])('counts %j as Buffer.byteLength does', (s) => {
    expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});
