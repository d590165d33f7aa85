import { signInTarget } from './sign-in-target';

const at = (url: string) => {
  const u = new URL(url, 'http://localhost');
  return { pathname: u.pathname, search: u.search, hash: u.hash };
};

describe('where a sign-in leads', () => {
  it('stays on the page the link named, with its state', () => {
    expect(signInTarget(at('/funnels?f=%7B%7D&days=14#results'))).toBe('/funnels?f=%7B%7D&days=14#results');
    expect(signInTarget(at('/'))).toBe('/');
  });

  it('follows ?next= from the sign-in page, but only to a path of this site', () => {
    expect(signInTarget(at('/sign-in?next=%2Ftasks%3Ftask%3Dt1'))).toBe('/tasks?task=t1');
    expect(signInTarget(at('/sign-in'))).toBe('/');
    expect(signInTarget(at('/sign-in?next=https://evil.example'))).toBe('/');
    expect(signInTarget(at('/sign-in?next=//evil.example'))).toBe('/');
    expect(signInTarget(at('/sign-in?next=/%5Cevil.example'))).toBe('/');
  });
});
