import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeManifest } from '@data-platform/core';
import { accessReportCommand } from '../../src/commands/access-report';
import { CommandError } from '../../src/errors';
import { StackProject } from '../../src/stack-project';
import { ACCESS } from '../support/access-fixture';
import { CollectingReporter } from '../support/collecting-reporter';

describe('access-report', () => {
  let root: string;
  let folder: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'access-report-'));
    folder = join(root, 'stacks', 'access');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'cdktf.json'), JSON.stringify({ app: 'node --import tsx main.ts' }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('access-report - writes dist/access/<env>.md and .json from the access manifest', () => {
    writeManifest(join(folder, 'cdktf.out'), ACCESS);
    const reporter = new CollectingReporter();
    const written = accessReportCommand(new StackProject(folder), 'dev', root, reporter);
    expect(written).toEqual({ markdown: join(root, 'dist', 'access', 'dev.md'), json: join(root, 'dist', 'access', 'dev.json') });
    expect(JSON.parse(readFileSync(written.json, 'utf8')).grants).toHaveLength(3);
    expect(readFileSync(written.markdown, 'utf8')).toContain('# Data access: dev (access-dev)');
    expect(reporter.steps).toEqual(['access report of dev: 2 team(s), 3 grant(s) in dist/access/dev.md and dist/access/dev.json']);
  });

  test('access-report - throws when the access stack is not synthesized', () => {
    expect(() => accessReportCommand(new StackProject(folder), 'dev', root, new CollectingReporter())).toThrow(
      new CommandError(`${join(folder, 'cdktf.out', 'manifest.json')} holds no access grants for environment "dev": run \`npx nx run access:synth\` first.`),
    );
  });

  test('access-report - throws in a folder other than the access stack', () => {
    writeManifest(join(folder, 'cdktf.out'), { kind: 'pipeline', version: 1, name: 'access', environments: {} });
    expect(() => accessReportCommand(new StackProject(folder), 'dev', root, new CollectingReporter())).toThrow(
      'access-report is for the access stack only (stacks/access); access is not it. Run it as `npx nx run access:report -c <env>`.',
    );
  });
});
