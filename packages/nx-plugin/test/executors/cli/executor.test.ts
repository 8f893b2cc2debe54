import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { cliArguments, cliExecutor } from '../../../src/executors/cli/executor';

const SQL = "SELECT vendor, count(*) FROM shopify_products_products WHERE dt = '2026-12-01' AND title LIKE '%$HOME*' GROUP BY 1";

describe('cliExecutor', () => {
  test('cliArguments - the command, the arguments of the configuration, then those of the command line, unchanged', () => {
    expect(cliArguments({ command: 'query', args: ['--env', 'prod'], __unparsed__: ['--local-lake', '/tmp/lake', SQL] })).toEqual([
      'query', '--env', 'prod', '--local-lake', '/tmp/lake', SQL,
    ]);
    expect(cliArguments({ command: 'query' })).toEqual(['query']);
  });

  test('cliExecutor - runs data-platform in the project folder with every argument as typed: no shell splits, globs or expands the SQL', async () => {
    const root = mkdtempSync(join(tmpdir(), 'data-platform-executor-'));
    try {
      mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
      mkdirSync(join(root, 'pipelines', 'orders'), { recursive: true });
      // A stand-in data-platform that records its folder and arguments, one a line.
      writeFileSync(join(root, 'node_modules', '.bin', 'data-platform'), '#!/bin/sh\npwd > "$0.calls"\nprintf "%s\\n" "$@" >> "$0.calls"\nexit 0\n', { mode: 0o755 });
      const context = { root, cwd: root, projectName: 'orders', projectsConfigurations: { version: 2, projects: { orders: { root: 'pipelines/orders' } } } } as unknown as ExecutorContext;

      await expect(cliExecutor({ command: 'query', args: ['--env', 'dev'], __unparsed__: ['--local-lake', '/tmp/lake', SQL] }, context)).resolves.toEqual({ success: true });

      expect(readFileSync(join(root, 'node_modules', '.bin', 'data-platform.calls'), 'utf8').split('\n')).toEqual([
        join(root, 'pipelines', 'orders'), 'query', '--env', 'dev', '--local-lake', '/tmp/lake', SQL, '',
      ]);
      writeFileSync(join(root, 'node_modules', '.bin', 'data-platform'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
      await expect(cliExecutor({ command: 'query' }, context)).resolves.toEqual({ success: false });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
