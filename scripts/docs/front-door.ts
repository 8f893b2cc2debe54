import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentationPages, relativeLinks } from './markdown-links';

/**
 * What keeps README.md a front door a newcomer reads in minutes, with the reference in docs/: at
 * most README_MAX_LINES lines, the command that runs the tests, a link to every page of docs/, and,
 * on every page, no citation of the documents the project was created from.
 */

/** The most lines README.md may have. */
export const README_MAX_LINES = 250;

/** A citation of the founding documents (`seeds/`, "seed 000"), which are not the product's. */
const FOUNDING_DOCUMENTS = /\bseeds\b|\bseeds?\/|\bseed \d{3}\b/i;

/** What README.md and docs/ of a workspace break of the rules above, one line each. */
export function frontDoorProblems(root: string): string[] {
  const problems: string[] = [];
  const pages = documentationPages(root);
  if (!pages.includes('README.md')) return ['README.md does not exist'];
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const lines = readme.endsWith('\n') ? readme.split('\n').length - 1 : readme.split('\n').length;
  if (lines > README_MAX_LINES) {
    problems.push(`README.md has ${lines} lines; at most ${README_MAX_LINES}: move the reference into a page of docs/ and link it`);
  }
  if (!/```sh\n(?:[^`]*\n)?npm test\n/.test(readme)) problems.push('README.md does not show `npm test` in an sh block');
  const linked = new Set(relativeLinks('README.md', readme).map((link) => link.target.split('#')[0]));
  for (const page of pages.filter((p) => p.startsWith('docs/'))) {
    if (!linked.has(page)) problems.push(`README.md does not link ${page}: every page of docs/ is reachable from the front door`);
  }
  for (const page of pages) {
    readFileSync(join(root, page), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const cited = FOUNDING_DOCUMENTS.exec(text);
        if (cited) problems.push(`${page}:${i + 1}: "${cited[0]}": the docs describe the product itself, not the documents it was created from`);
      });
  }
  return problems;
}
