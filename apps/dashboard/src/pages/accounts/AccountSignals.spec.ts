import { memberLabels } from './AccountSignals';

const member = (id: string, name: string | null, email: string | null) => ({
  id,
  name,
  email,
  lastSeenAt: '2026-12-01T00:00:00.000Z',
  events30d: 1,
});

describe('memberLabels', () => {
  it('names people by name, by address when two share a name, else by address or id', () => {
    expect(
      memberLabels([
        member('u1', 'Bo', 'bo.1@acme.example'),
        member('u2', 'Bo', 'bo.2@acme.example'),
        member('u3', 'Ann', 'ann@acme.example'),
        member('u4', null, 'cy@acme.example'),
        member('u5', null, null),
        member('u6', 'Bo', null),
      ]),
    ).toEqual(
      new Map([
        ['u1', 'bo.1@acme.example'],
        ['u2', 'bo.2@acme.example'],
        ['u3', 'Ann'],
        ['u4', 'cy@acme.example'],
        ['u5', 'u5'],
        ['u6', 'Bo'],
      ]),
    );
  });
});
