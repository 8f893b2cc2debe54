import { join } from 'node:path';
import { WorkspaceCopy } from '../support/workspace-copy';

// Nx itself, in a copy of the workspace: `nx g @data-platform/nx-plugin:from-copilot <manifest>` for
// one manifest of each workload kind (written from Copilot's documentation), then `validate` of the
// three pipelines: synth, terraform against the provider's schema, a mocked plan and apply.
const FIXTURES = join(__dirname, '../generators/from-copilot/fixtures');
const IMPORTS: ReadonlyArray<[string, string]> = [
  ['report-generator', join(FIXTURES, 'reports/copilot/report-generator/manifest.yml')],
  ['api', join(FIXTURES, 'api-service/copilot/api/manifest.yml')],
  ['cost-analyzer', join(FIXTURES, 'workers/copilot/cost-analyzer/manifest.yml')],
];

describe('from-copilot in a copy of the workspace', () => {
  let workspace: WorkspaceCopy;
  const generated: string[] = [];

  beforeAll(() => {
    workspace = new WorkspaceCopy();
    for (const [, manifest] of IMPORTS) generated.push(workspace.nx('g', '@data-platform/nx-plugin:from-copilot', manifest));
  });
  afterAll(() => workspace?.remove());

  test('from-copilot - ends its output with what it could not carry over', () => {
    const [, api] = generated;
    const tail = api!.slice(api!.indexOf('Not carried over'));
    expect(tail).toContain('  - http: pipelines take no inbound traffic');
    expect(tail.indexOf('Not carried over')).toBeLessThan(tail.indexOf('Next: npx nx run api:validate'));
  });

  test('from-copilot - each imported pipeline passes validate at once, in every environment', () => {
    const names = IMPORTS.map(([name]) => name);
    const output = [
      workspace.nx('run-many', '-t', 'validate', '-p', ...names, '--outputStyle=static'),
      workspace.nx('run-many', '-t', 'validate', '-c', 'prod', '-p', ...names, '--outputStyle=static'),
    ].join('\n');

    for (const name of names) {
      for (const environment of ['dev', 'prod']) expect(output).toContain(`${name}-${environment}: valid; the mocked plan and apply succeeded.`);
    }
  });
});
