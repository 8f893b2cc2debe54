import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentationPages } from './markdown-links';
import { nxProjects, nxRuns, unknownNxRuns, type ProjectTargets } from './nx-commands';

const ROOT = resolve(__dirname, '../..');

describe('nx-commands', () => {
  const projects: ProjectTargets = new Map([
    ['shop', { targets: ['synth', 'validate', 'cost'], tags: ['pipeline'] }],
    ['shared', { targets: ['synth', 'bootstrap'], tags: ['stack'] }],
  ]);

  test('nxRuns - finds project and target, skipping placeholders', () => {
    expect(nxRuns('p.md', 'npx nx run shop:cost -c prod\nnpx nx run <name>:deploy\n`nx run shared:bootstrap`')).toEqual([
      { page: 'p.md', line: 1, project: 'shop', target: 'cost' },
      { page: 'p.md', line: 3, project: 'shared', target: 'bootstrap' },
    ]);
  });

  test('unknownNxRuns - names an unknown project and an unknown target; a pipeline the page generates has the pipelines\' targets', () => {
    const text = 'npx nx run shop:deploy\nnpx nx run nope:synth\nnpx nx g @data-platform/nx-plugin:pipeline fresh\nnpx nx run fresh:validate\n';
    expect(unknownNxRuns([{ page: 'p.md', text }], projects)).toEqual([
      'p.md:1: nx run shop:deploy: shop has no target "deploy" (it has synth, validate, cost)',
      'p.md:2: nx run nope:synth: no project "nope" (Nx knows shop, shared)',
    ]);
  });

  test('README.md and docs/ - every nx run names a project and a target Nx infers', () => {
    const pages = documentationPages(ROOT).map((page) => ({ page, text: readFileSync(join(ROOT, page), 'utf8') }));
    expect(pages.flatMap((p) => nxRuns(p.page, p.text)).length).toBeGreaterThan(10);
    expect(unknownNxRuns(pages, nxProjects(ROOT))).toEqual([]);
  });
});
