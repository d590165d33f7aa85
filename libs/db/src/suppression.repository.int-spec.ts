// Suppressed addresses: one per address whatever its case, keeping the first reason.
import { type OutreachRepositories, outreachStore } from './outreach.spec-helper';
import { stores } from './stores.spec-helper';

describe.each(stores)('suppression repository on $name', (store) => {
  const { repos, project, suppressedFor } = outreachStore(store);
  let suppressions: OutreachRepositories['suppressions'];
  beforeAll(() => {
    ({ suppressions } = repos());
  });

  it('suppresses an address whatever its case, once, keeping the first reason', async () => {
    const projectId = await project();
    expect(await suppressedFor(projectId, 'ann@customer.io')).toBe(false);
    const first = await suppressions.add(projectId, 'Ann@Customer.IO', 'unsubscribed');
    expect(first).toEqual({
      project_id: projectId,
      email: 'ann@customer.io',
      reason: 'unsubscribed',
      created_at: expect.any(Date),
    });
    expect(await suppressions.add(projectId, 'ann@customer.io', 'bounced')).toEqual(first);
    await Promise.all([
      suppressions.add(projectId, 'bob@customer.io', 'bounced'),
      suppressions.add(projectId, 'BOB@customer.io', 'bounced'),
    ]);
    expect(await suppressedFor(projectId, 'ann@customer.io')).toBe(true);
    expect(await suppressedFor(projectId, 'ANN@CUSTOMER.IO')).toBe(true);
    expect(await suppressedFor(projectId, 'cy@customer.io')).toBe(false);
    expect((await suppressions.list(projectId)).map((s) => [s.email, s.reason])).toEqual([
      ['ann@customer.io', 'unsubscribed'],
      ['bob@customer.io', 'bounced'],
    ]);
  });
});
