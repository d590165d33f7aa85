import { type BrowserBundle, buildBrowserBundle } from './browser-bundle';

describe('the browser bundle', () => {
  let bundle: BrowserBundle;
  beforeAll(() => {
    bundle = buildBrowserBundle();
  });

  it('is at most 8 KB minified and gzipped, and the build says how large it is', () => {
    expect(bundle.output).toMatch(/\d+ bytes\) minified \+ gzip/);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(8 * 1024);
  });

  it('keeps the surveys module out of it, at most 12 KB minified and gzipped on its own', () => {
    expect(bundle.output).toMatch(/surveys module: .* \(\d+ bytes\) minified \+ gzip, budget 12\.00 KB/);
    expect(bundle.surveys.gzipBytes).toBeLessThanOrEqual(12 * 1024);
    expect(bundle.code).not.toContain('survey shown');
    expect(bundle.surveys.code).toMatch(/^"use strict";var BinderySurveys=/);
    expect(bundle.surveys.code).not.toMatch(/\brequire\(|\bimport\(/);
  });

  it('defines the global Bindery and loads nothing else', () => {
    expect(bundle.code).toMatch(/^"use strict";var Bindery=/);
    expect(bundle.code).not.toMatch(/\brequire\(|\bimport\(/);
  });
});
