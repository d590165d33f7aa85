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

  it('defines the global Bindery and loads nothing else', () => {
    expect(bundle.code).toMatch(/^"use strict";var Bindery=/);
    expect(bundle.code).not.toMatch(/\brequire\(|\bimport\(/);
  });
});
