import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's `chromium` package (Playwright's own browser download does not work on these machines). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep Debian's Chromium quiet and working as root in a container (docs: toolchain notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Headless Chromium driven by playwright-core. Fails (never skips) with what to install when the
 * browser is missing.
 */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}; the Swagger UI tests need a real browser. ` +
        `Install Debian's package (as root: apt-get update && apt-get install -y chromium; .ci/run does this) ` +
        `or point CHROMIUM_PATH at a Chromium/Chrome binary.`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
