/**
 * `npm run docs`: rewrites the parts of README.md and docs/ that quote the product's own output
 * (between `<!-- generated:<name> -->` markers: the example fleet's cost and its cost by owner, the
 * pipeline graph, the fleet's status on a day of runs, the policy rules, the benchmark tables) from
 * that output, after `nx run fleet:validate` has synthesized every pipeline and written the graph.
 * `npm run docs -- --check` writes nothing and exits 1 when a page differs: the `docs` job of ci.yml.
 * It is not part of `npm test`, whose checks never read the pipelines' folders as the platform's:
 * onboarding a pipeline changes the example fleet's figures, and must not turn the tests red.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedNames, prepareFleetOutput, renderSections, replaceGenerated } from './docs/generated-sections';
import { documentationPages } from './docs/markdown-links';

const ROOT = resolve(__dirname, '..');

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  prepareFleetOutput(ROOT);
  const sections = await renderSections(ROOT);
  const stale: string[] = [];
  for (const page of documentationPages(ROOT)) {
    const text = readFileSync(join(ROOT, page), 'utf8');
    if (generatedNames(text).length === 0) continue;
    const written = replaceGenerated(page, text, sections);
    if (written === text) continue;
    stale.push(page);
    if (!check) writeFileSync(join(ROOT, page), written);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`docs: ${stale.join(', ')} differ from what npm run docs writes; run npm run docs and commit the result.\n`);
    return 1;
  }
  process.stdout.write(stale.length === 0 ? 'docs: every generated part is up to date\n' : `docs: rewrote ${stale.join(', ')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
