import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, as the tests drive it: without the background networking, component updates and
 * sync that this machine's closed network refuses, plus the caller's own flags.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
