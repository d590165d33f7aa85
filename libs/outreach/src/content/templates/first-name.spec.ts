import { firstName } from './first-name';

describe('firstName', () => {
  it('capitalises the first word of the first name, else of the name', () => {
    expect(firstName({ first_name: 'jun' }, 'there')).toBe('Jun');
    expect(firstName({ firstName: '  ann-marie ' }, 'there')).toBe('Ann-marie');
    expect(firstName({ name: 'élodie dupont' }, 'there')).toBe('Élodie');
    expect(firstName('maya lin', 'there')).toBe('Maya');
  });

  it('falls back when there is no name, or what there is looks like an address or an id', () => {
    expect(firstName({}, 'there')).toBe('there');
    expect(firstName({ name: '' }, 'there')).toBe('there');
    expect(firstName({ name: 'jun@acme.io' }, 'there')).toBe('there');
    expect(firstName({ name: 'user_12' }, 'there')).toBe('there');
    expect(firstName(null, 'friend')).toBe('friend');
    expect(firstName({ name: 42 }, undefined)).toBe('');
  });
});
