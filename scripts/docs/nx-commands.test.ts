import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentationPages } from './markdown-links';
import { documentedCommandLines, nxProjects, nxRuns, unknownNxRuns, type ProjectTargets } from './nx-commands';

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

  test('unknownNxRuns - names an unknown project and an unknown target; a pipeline the docs generate, on any page, has the pipelines\' targets', () => {
    const text = 'npx nx run shop:deploy\nnpx nx run nope:synth\nnpx nx g @data-platform/nx-plugin:pipeline fresh\nnpx nx run fresh:validate\n';
    expect(unknownNxRuns([{ page: 'p.md', text }, { page: 'q.md', text: 'npx nx run fresh:cost\nnpx nx run fresh:deploy\n' }], projects)).toEqual([
      'p.md:1: nx run shop:deploy: shop has no target "deploy" (it has synth, validate, cost)',
      'p.md:2: nx run nope:synth: no project "nope" (Nx knows shop, shared)',
      'q.md:2: nx run fresh:deploy: fresh has no target "deploy" (it has synth, validate, cost)',
    ]);
  });

  test('documentedCommandLines - sh blocks line by line without comments, and inline code; each distinct line once with its pages', () => {
    const a = [
      '```sh',
      'npx nx run shop:cost -c prod        # the estimate',
      'npm ci',
      'npx nx run shop:status -c dev',
      '```',
      '',
      'Then `npx nx run shop:cost -c prod`, or in a table:',
      '',
      '| run | what |',
      '| --- | --- |',
      '| `npx nx run shop:logs -c dev -- --since 2h` | logs |',
      '',
      '```',
      'output that mentions `npx nx run shop:synth`',
      '```',
      '',
      '```ts',
      "// npx nx run shop:validate",
      '```',
    ].join('\n');
    const b = 'Run `npx nx run shop:status -c dev` again; `nx run shop:cost` is not a whole line.\n';

    expect(documentedCommandLines([{ page: 'a.md', text: a }, { page: 'b.md', text: b }])).toEqual([
      { line: 'npx nx run shop:cost -c prod', pages: ['a.md'] },
      { line: 'npx nx run shop:status -c dev', pages: ['a.md', 'b.md'] },
      { line: 'npx nx run shop:logs -c dev -- --since 2h', pages: ['a.md'] },
    ]);
  });

  test('README.md and docs/ - every nx run names a project and a target Nx infers', () => {
    const pages = documentationPages(ROOT).map((page) => ({ page, text: readFileSync(join(ROOT, page), 'utf8') }));
    expect(pages.flatMap((p) => nxRuns(p.page, p.text)).length).toBeGreaterThan(10);
    expect(unknownNxRuns(pages, nxProjects(ROOT))).toEqual([]);
  });
});
