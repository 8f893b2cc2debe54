import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentationPages, relativeLinks } from './markdown-links';

/**
 * What keeps README.md a front door a newcomer reads in minutes, with the reference in docs/: at
 * most README_MAX_LINES lines, the command that runs the tests, and a link to every page of docs/.
 */

/** The most lines README.md may have. */
export const README_MAX_LINES = 250;

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
  return problems;
}
