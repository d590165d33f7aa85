import { emailProblem, formatOutboxTime, replayMessage } from './outbox';

describe('outbox', () => {
  it('names the last send error before a skip reason', () => {
    expect(emailProblem({ lastError: '421 try later', skipReason: null })).toBe('421 try later');
    expect(emailProblem({ lastError: null, skipReason: 'suppressed: bounced' })).toBe('suppressed: bounced');
    expect(emailProblem({ lastError: null, skipReason: null })).toBeNull();
  });

  it('says how many emails a replay queued', () => {
    expect(replayMessage(0)).toBe('No failed emails to send again.');
    expect(replayMessage(1)).toBe('1 failed email is queued to be sent again.');
    expect(replayMessage(12)).toBe('12 failed emails are queued to be sent again.');
  });

  it('shows times in UTC, short', () => {
    expect(formatOutboxTime('2026-11-23T14:10:11.380Z')).toBe('23 Nov 14:10');
    expect(formatOutboxTime(null)).toBe('—');
  });
});
