/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { PersonLink, PersonMentions, personPath } from './PersonLink';

describe('person links', () => {
  it('link a person by their id, escaped in the path', () => {
    render(
      <MemoryRouter>
        <PersonLink id="ann@x.io/1" />
      </MemoryRouter>,
    );

    expect(screen.getByRole('link', { name: 'ann@x.io/1' }).getAttribute('href')).toBe(
      '/people/ann%40x.io%2F1',
    );
    expect(personPath('a b')).toBe('/people/a%20b');
  });

  it('link each person a task title names, and nothing else', () => {
    const { container } = render(
      <MemoryRouter>
        <PersonMentions text="User u-1 (Acme) is stuck; User u-2, and a user u-3" />
      </MemoryRouter>,
    );

    expect(container.textContent).toBe('User u-1 (Acme) is stuck; User u-2, and a user u-3');
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/people/u-1',
      '/people/u-2',
    ]);
  });
});
