import { type DomainError } from '@bindery/contracts';
import { actorOf } from './actor';
import { csmAlerts } from './csm-alerts';

describe('the author of a change', () => {
  it('is the X-Bindery-Actor address, lower-cased, or api without one', () => {
    expect(actorOf('Maya@Vendor.Example')).toBe('maya@vendor.example');
    expect(actorOf(undefined)).toBe('api');
    expect(actorOf('')).toBe('api');
  });

  it.each(['Maya <maya@vendor.example>', 'maya', 'x:victim@example.com', ['a@b.example', 'c@d.example']])(
    'refuses %j',
    (header) => {
      expect(() => actorOf(header)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }) as DomainError,
      );
    },
  );
});

describe('a CSM’s P1 alerts', () => {
  const settings = {
    csms: [
      { email: 'maya@vendor.example', alerts: 'digest' as const },
      { email: 'li@vendor.example', name: 'Li' },
    ],
  };

  it('are as the CSM chose, immediate when they did not or are not listed', () => {
    expect(csmAlerts(settings, 'Maya@Vendor.Example')).toBe('digest');
    expect(csmAlerts(settings, 'li@vendor.example')).toBe('immediate');
    expect(csmAlerts(settings, 'omar@vendor.example')).toBe('immediate');
  });
});
