import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brokenLinks, documentationPages, pageAnchors, relativeLinks } from './markdown-links';

const ROOT = resolve(__dirname, '../..');

describe('markdown-links', () => {
  test('pageAnchors - headings slugged as GitHub does, repeats numbered, and <a id> anchors', () => {
    const anchors = pageAnchors('# Set up\n## Test the Python: `test`\n## CI/CD\n## Set up\n<a id="kept"></a>\n```md\n# not a heading\n```\n');
    expect([...anchors].sort()).toEqual(['cicd', 'kept', 'set-up', 'set-up-1', 'test-the-python-test']);
  });

  test('relativeLinks - relative links and anchors, never in code, never absolute URLs', () => {
    const links = relativeLinks('README.md', 'See [a](docs/a.md#x), [b](#y), [c](https://example.com), `[d](nope.md)`.\n\n```\n[e](nope.md)\n```\n');
    expect(links.map((l) => l.target)).toEqual(['docs/a.md#x', '#y']);
  });

  test('brokenLinks - names a missing file and a missing anchor, page and line', () => {
    const root = mkdtempSync(join(tmpdir(), 'docs-links-'));
    try {
      mkdirSync(join(root, 'docs'));
      writeFileSync(join(root, 'README.md'), '# Top\n\n[ok](docs/a.md#part) [gone](docs/b.md) [bad](#nowhere) [self](#top)\n');
      writeFileSync(join(root, 'docs/a.md'), '## Part\n\n[up](../README.md#top)\n');
      expect(documentationPages(root)).toEqual(['README.md', 'docs/a.md']);
      expect(brokenLinks(root)).toEqual([
        'README.md:3: "docs/b.md" points to docs/b.md, which does not exist',
        'README.md:3: "#nowhere": README.md has no heading or anchor "nowhere"',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('README.md and docs/ - every relative link and anchor resolves', () => {
    expect(documentationPages(ROOT)).toContain('README.md');
    expect(brokenLinks(ROOT)).toEqual([]);
  });
});
