import { eventActor, eventListQuery, formatClock, formatEventTime } from './event-format';

describe('event explorer formats', () => {
  it('trims the filters (the client leaves the empty ones out)', () => {
    expect(eventListQuery({ event: ' Signed Up ', userId: '', accountId: 'acct-1' })).toEqual({
      event: 'Signed Up',
      userId: '',
      accountId: 'acct-1',
      limit: 50,
    });
  });

  it('names the user, else the anonymous id', () => {
    expect(eventActor({ userId: 'u-1', anonymousId: 'a-1' })).toEqual({ id: 'u-1', anonymous: false });
    expect(eventActor({ userId: null, anonymousId: 'a-1' })).toEqual({ id: 'a-1', anonymous: true });
    expect(eventActor({ userId: null, anonymousId: null })).toBeNull();
  });

  it('shows times to the second in UTC', () => {
    expect(formatEventTime('2026-11-23T08:11:40.724Z')).toBe('23 Nov, 08:11:40');
    expect(formatClock(Date.parse('2026-11-23T14:32:05Z'))).toBe('14:32:05 UTC');
  });
});
