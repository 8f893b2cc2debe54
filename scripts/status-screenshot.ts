/**
 * `npm run docs:screenshot`: the picture of the status page in README.md and docs/operating.md,
 * docs/images/fleet-status-dev.png.
 * The example fleet (every pipeline synthesized first, by Nx) on the docs' day of runs, seeded into
 * a run ledger through the loopback AWS endpoint (scripts/docs/example-status.ts), its page written by
 * `fleet-status --html`, opened in headless Chromium (Debian's chromium package, or CHROMIUM_PATH),
 * the failed interval of the scheduled job chosen, and the whole page photographed.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { openInChromium } from '../packages/cli/test/support/chromium';
import { exampleFleetStatus } from './docs/example-status';
import { prepareFleetOutput } from './docs/generated-sections';

const ROOT = resolve(__dirname, '..');
/** Where README.md and docs/operating.md find it. */
export const SCREENSHOT = 'docs/images/fleet-status-dev.png';

async function main(): Promise<void> {
  prepareFleetOutput(ROOT);
  const result = await exampleFleetStatus(ROOT, { html: true });
  const opened = await openInChromium(join(ROOT, result.page!), { width: 1280, height: 900 });
  try {
    const outside = opened.requests.filter((url) => !url.startsWith('file://'));
    if (outside.length > 0) throw new Error(`the page asked for ${outside.join(', ')}: it must ask for nothing outside itself`);
    // Show a run's details: the first interval that did not succeed.
    const failed = opened.page.locator('button.cell.failed, button.cell.gave-up, button.cell.timed-out').first();
    if ((await failed.count()) > 0) await failed.click();
    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
    await opened.page.screenshot({ path: join(ROOT, SCREENSHOT), fullPage: true });
  } finally {
    await opened.close();
  }
  process.stdout.write(`docs:screenshot: ${SCREENSHOT} from ${relative(ROOT, join(ROOT, result.page!))} (${Math.round(result.pageBytes! / 1024)} KB)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
