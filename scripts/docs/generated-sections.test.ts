import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentationPages } from './markdown-links';
import { generatedNames, prepareFleetOutput, renderSections, replaceGenerated } from './generated-sections';

const ROOT = resolve(__dirname, '../..');

describe('generated-sections', () => {
  test('replaceGenerated - rewrites what is between the markers, and only that', () => {
    const page = 'a\n<!-- generated:cost -->\nold\n<!-- /generated:cost -->\nb\n';
    expect(generatedNames(page)).toEqual(['cost']);
    expect(replaceGenerated('p.md', page, { cost: '| new |' })).toBe('a\n<!-- generated:cost -->\n| new |\n<!-- /generated:cost -->\nb\n');
  });

  test('replaceGenerated - throws for a marker nothing generates', () => {
    expect(() => replaceGenerated('p.md', '<!-- generated:weather -->\n<!-- /generated:weather -->\n', { cost: '' })).toThrow(
      'p.md: <!-- generated:weather --> has no generator; known: cost',
    );
  });

  // The figures the docs quote cannot go stale: the committed text is what `npm run docs` writes now.
  test('README.md and docs/ - the generated figures (cost, graph) are what npm run docs writes from the product\'s output', () => {
    prepareFleetOutput(ROOT);
    const sections = renderSections(ROOT);
    const pages = documentationPages(ROOT).filter((page) => generatedNames(readFileSync(join(ROOT, page), 'utf8')).length > 0);
    expect(pages).toContain('README.md');
    for (const page of pages) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      expect([page, text]).toEqual([page, replaceGenerated(page, text, sections)]);
    }
    expect(sections.cost).toMatch(/\| `ticketing-api` \| always on, 1 task \| \$\d+\.\d\d \| \$\d+\.\d\d \|/);
  });
});
