import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { frontDoorProblems, README_MAX_LINES } from './front-door';

const ROOT = resolve(__dirname, '../..');

describe('front-door', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docs-front-door-'));
    mkdirSync(join(root, 'docs'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const readme = (body: string) => `# Tool\n\n\`\`\`sh\nnpm ci\nnpm test\n\`\`\`\n\n${body}`;

  test('frontDoorProblems - none for a short README that shows npm test and links every page', () => {
    writeFileSync(join(root, 'README.md'), readme('[a](docs/a.md), [b](docs/sub/b.md#part)\n'));
    writeFileSync(join(root, 'docs/a.md'), '# A\n');
    mkdirSync(join(root, 'docs/sub'));
    writeFileSync(join(root, 'docs/sub/b.md'), '# B\n\n## Part\n');

    expect(frontDoorProblems(root)).toEqual([]);
  });

  test(`frontDoorProblems - a README of ${README_MAX_LINES + 1} lines, without npm test, a page it does not link`, () => {
    writeFileSync(join(root, 'README.md'), `# Tool\n${'line\n'.repeat(README_MAX_LINES - 1)}[a](docs/a.md)\n`);
    writeFileSync(join(root, 'docs/a.md'), '# A\n');
    writeFileSync(join(root, 'docs/orphan.md'), '# Orphan\n');

    expect(frontDoorProblems(root)).toEqual([
      `README.md has ${README_MAX_LINES + 1} lines; at most ${README_MAX_LINES}: move the reference into a page of docs/ and link it`,
      'README.md does not show `npm test` in an sh block',
      'README.md does not link docs/orphan.md: every page of docs/ is reachable from the front door',
    ]);
  });

  test(`README.md and docs/ - README.md has at most ${README_MAX_LINES} lines, shows npm test, and links every page of docs/`, () => {
    expect(frontDoorProblems(ROOT)).toEqual([]);
  });
});
