import { boardPage, escapeHtml } from './board-page';
import { mrrOf, weightByMrr } from './feedback.service';

describe('feedback weights and the board page', () => {
  it('reads MRR from mrr, else MRR, as a positive number', () => {
    expect(mrrOf({ mrr: 1200 })).toBe(1200);
    expect(mrrOf({ MRR: '99.5' })).toBe(99.5);
    expect(mrrOf({ mrr: 'lots' })).toBe(0);
    expect(mrrOf({ mrr: -5 })).toBe(0);
    expect(mrrOf(undefined)).toBe(0);
  });

  it('sums the MRR of the distinct accounts of each request’s voters', () => {
    const votes = [
      { request_id: 'r1', user_id: 'a', account_id: 'x' },
      { request_id: 'r1', user_id: 'b', account_id: 'x' },
      { request_id: 'r1', user_id: 'c', account_id: 'y' },
      { request_id: 'r1', user_id: 'd', account_id: null },
      { request_id: 'r2', user_id: 'a', account_id: 'z' },
    ];
    const weights = weightByMrr(
      votes,
      new Map([
        ['x', 100],
        ['y', 50],
      ]),
    );
    expect(Object.fromEntries(weights)).toEqual({ r1: 150, r2: 0 });
  });

  it('escapes every text it shows', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = boardPage('<P>', [
      {
        title: '<img src=x onerror=alert(1)>',
        body: '"b"',
        status: 'declined',
        publicNote: '<i>n</i>',
        votes: 1,
      },
    ]);
    expect(html).not.toMatch(/<img|<i>|<P>/);
    expect(html).toContain('1<small>vote</small>');
    expect(html).toContain('Declined');
    expect(boardPage('p', [])).toContain('No requests yet.');
  });
});
