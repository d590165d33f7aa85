// Deleted people's addresses: many asked about in one statement, each answered in order and within its project.
import { SuppressedPeopleRepository } from './repositories/suppressed-people.repository';
import { outreachStore } from './outreach.spec-helper';
import { stores } from './stores.spec-helper';

describe.each(stores)('suppressed people repository on $name', (store) => {
  const { repos, project } = outreachStore(store);

  it('answers many addresses of several projects in one call, in order, whatever their case', async () => {
    const people = new SuppressedPeopleRepository(repos().db);
    const [one, two] = [await project(), await project()];
    await people.add(one, { ids: ['u1'], emails: ['Gone@Customer.io'] });
    await people.add(two, { ids: [], emails: ['left@customer.io'] });

    expect(
      await people.hasEmails([
        { projectId: one, email: 'gone@customer.io' },
        { projectId: two, email: 'gone@customer.io' },
        { projectId: one, email: 'stays@customer.io' },
        { projectId: two, email: 'LEFT@customer.io' },
        { projectId: one, email: 'GONE@CUSTOMER.IO' },
        { projectId: one, email: 'u1' },
      ]),
    ).toEqual([true, false, false, true, true, false]);
    expect(await people.hasEmails([])).toEqual([]);
  });
});
