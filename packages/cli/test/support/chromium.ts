import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package (`apt-get install chromium`); CHROMIUM_PATH names another build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What a sandboxed headless Chromium needs, and nothing that reaches out on its own (updates, sync, QUIC). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A page of a fresh headless Chromium (its own profile folder), with every request it makes recorded, and its closing. */
export interface OpenedPage {
  readonly page: Page;
  /** Every URL the page requested, the document itself included. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Opens a file in headless Chromium. Every request other than the file itself is recorded and
 * aborted, so a page that reaches out shows it in `requests` and loads nothing from outside.
 * Fails with what to install when Chromium is missing (a test that cannot run does not pass).
 */
export async function openInChromium(file: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium; .ci/run does), or set CHROMIUM_PATH to a Chromium build.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'data-platform-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, viewport });
    const requests: string[] = [];
    const url = `file://${file}`;
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'load' });
    const opened = context;
    return {
      page,
      requests,
      close: async () => {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
