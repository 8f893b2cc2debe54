import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceCopy } from '../support/workspace-copy';

// The slow tests: Nx itself, in a copy of the workspace whose pipelines/ holds only what this file
// puts there. One copy for the file; the pipelines are made once (beforeAll), as people make them,
// then every test reads what Nx makes of them.

/** Generated, then made its own by its owner: requirements, Dockerfile and Python of their own. */
const GENERATED = 'onboarding-check';
/** Copied by hand from it, then changed to run after it. */
const COPIED = 'copied-by-hand';
/** A pipeline whose code lives in another repository: its folder here has no app/. */
const EXTERNAL = 'built-elsewhere';
const PIPELINES = [GENERATED, COPIED, EXTERNAL];

/** The owner of a generated pipeline rewrites its app: nothing of the template's Python, image or requirements has to stay. */
function makeItTheirOwn(workspace: WorkspaceCopy, name: string): void {
  const app = `pipelines/${name}/app`;
  workspace.write(`${app}/requirements.txt`, `${workspace.read(`${app}/requirements.txt`).trimEnd()}\npyarrow==18.1.0\n`);
  workspace.write(
    `${app}/Dockerfile`,
    [
      'FROM python:3.12-bookworm',
      'WORKDIR /srv/orders',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'RUN useradd --uid 20001 --no-create-home etl',
      'USER etl',
      'ENTRYPOINT ["python", "-m", "main"]',
      '',
    ].join('\n'),
  );
  for (const file of readdirSync(join(workspace.root, app))) if (file.endsWith('.py')) workspace.delete(`${app}/${file}`);
  workspace.delete(`${app}/tests`);
  workspace.write(
    `${app}/main.py`,
    [
      '"""Writes the day\'s order totals as Parquet under LAKE_PREFIX."""',
      'import io',
      'import os',
      '',
      'import boto3',
      'import pyarrow as pa',
      'import pyarrow.parquet as pq',
      '',
      'from orders import totals',
      '',
      '',
      'def main() -> None:',
      '    rows = totals([{"customer": "c-1", "amount_cents": 1250}])',
      '    buffer = io.BytesIO()',
      '    pq.write_table(pa.Table.from_pylist(rows), buffer)',
      '    key = f"{os.environ[\'LAKE_PREFIX\']}records/totals.parquet"',
      '    boto3.client("s3").put_object(Bucket=os.environ["LAKE_BUCKET"], Key=key, Body=buffer.getvalue())',
      '',
      '',
      'if __name__ == "__main__":',
      '    main()',
      '',
    ].join('\n'),
  );
  workspace.write(
    `${app}/orders.py`,
    [
      '"""Order totals per customer: a pure function of the rows."""',
      '',
      '',
      'def totals(rows: list[dict[str, object]]) -> list[dict[str, object]]:',
      '    by_customer: dict[str, int] = {}',
      '    for row in rows:',
      '        customer = str(row["customer"])',
      '        by_customer[customer] = by_customer.get(customer, 0) + int(str(row["amount_cents"]))',
      '    return [{"customer": c, "amount_cents": a} for c, a in sorted(by_customer.items())]',
      '',
    ].join('\n'),
  );
  workspace.write(
    `${app}/tests/test_orders.py`,
    [
      'from orders import totals',
      '',
      '',
      'def test_amounts_of_one_customer_add_up() -> None:',
      '    rows = [{"customer": "c-2", "amount_cents": 5}, {"customer": "c-1", "amount_cents": 2}, {"customer": "c-2", "amount_cents": 1}]',
      '    assert totals(rows) == [{"customer": "c-1", "amount_cents": 2}, {"customer": "c-2", "amount_cents": 6}]',
      '',
    ].join('\n'),
  );
}

describe('onboarding in a copy of the workspace', () => {
  let workspace: WorkspaceCopy;

  beforeAll(() => {
    workspace = new WorkspaceCopy();
    workspace.nx('g', '@data-platform/nx-plugin:pipeline', GENERATED, '--mode', 'schedule', '--schedule', 'rate(6 hours)', '--cpu', '512', '--memory', '1024');
    makeItTheirOwn(workspace, GENERATED);
    workspace.copyFolder(`pipelines/${GENERATED}`, `pipelines/${COPIED}`);
    const copiedMain = `pipelines/${COPIED}/main.ts`;
    workspace.write(copiedMain, workspace.read(copiedMain).replace("  schedule: 'rate(6 hours)',\n", `  after: ['${GENERATED}'],\n  freshWithinHours: 12,\n`));
    workspace.nx('g', '@data-platform/nx-plugin:pipeline', EXTERNAL, '--mode', 'service');
    workspace.delete(`pipelines/${EXTERNAL}/app`);
  });
  afterAll(() => workspace?.remove());

  // Stacks, pipelines and the fleet check: the libraries (`@data-platform/*`) are never planned nor deployed.
  const affectedSet = (file: string): string[] =>
    (JSON.parse(workspace.nx('show', 'projects', '--affected', `--files=${file}`, '--json')) as string[])
      .filter((project) => !project.startsWith('@data-platform/'))
      .sort();

  test('nx - every folder under pipelines/ and stacks/ with a cdktf.json is a project named after it', () => {
    const projects = JSON.parse(workspace.nx('show', 'projects', '--json')) as string[];
    const stacks = readdirSync(join(workspace.root, 'stacks')).filter((s) => workspace.exists(`stacks/${s}/cdktf.json`));

    // Besides the workspace's own packages (@data-platform/*) and its Python package (pipeline-runtime, a pyproject.toml).
    expect(projects.filter((p) => !p.startsWith('@data-platform/')).sort()).toEqual([...PIPELINES, ...stacks, 'fleet', 'pipeline-runtime'].sort());
  });

  test('generator - the generated pipeline has the inferred targets, main.ts the options given', () => {
    const project = JSON.parse(workspace.nx('show', 'project', GENERATED, '--json'));

    expect(project.root).toBe(`pipelines/${GENERATED}`);
    expect(Object.keys(project.targets).sort()).toEqual(['backfill', 'check', 'cost', 'deploy', 'destroy', 'image', 'lint', 'logs', 'plan', 'query', 'rollback', 'run', 'run-local', 'status', 'synth', 'test', 'validate']);
    expect(workspace.read(`pipelines/${GENERATED}/main.ts`)).toContain("  schedule: 'rate(6 hours)',\n  cpu: 512,\n  memoryMiB: 1024,\n");
    // Without app/, no Python to test: the folder's own checks are validate and the fleet check.
    const external = Object.keys(JSON.parse(workspace.nx('show', 'project', EXTERNAL, '--json')).targets);
    expect(external).not.toContain('test');
    expect(external).not.toContain('lint');
  });

  // What `npm test` runs (test:python, then test:terraform in dev and prod), for the pipelines a
  // user made their own: their Python, requirements and Dockerfile are theirs, and the folder
  // without app/ needs none. The platform's jest suites read nothing under pipelines/ (the guard
  // of jest.setup.js), so these targets are all that checks a pipeline.
  test('npm test\'s checks - a pipeline edited by its owner, one copied by hand and one built elsewhere pass their own targets and the fleet check', () => {
    const tests = workspace.nx('run-many', '-t', 'test', 'lint', '-p', ...PIPELINES, '--outputStyle=static');
    for (const project of [GENERATED, COPIED]) expect(tests).toContain(`${project}: the Python tests of app/ passed`);
    expect(tests).toContain('1 passed');

    for (const environment of ['dev', 'prod']) {
      const output = workspace.nx('run-many', '-t', 'validate', '-p', ...PIPELINES, 'fleet', '-c', environment, '--outputStyle=static');
      for (const project of PIPELINES) expect(output).toContain(`${project}-${environment}: valid; the mocked plan and apply succeeded.`);
      expect(output).toContain(`fleet ${environment}: 3 pipelines checked`);
    }
    expect(workspace.exists(`pipelines/${GENERATED}/cdktf.out/stacks/${GENERATED}-prod/cdk.tf.json`)).toBe(true);
  });

  // After validate, so that what validate wrote into cdktf.out (.offline-test) exists.
  test('validate - run again with nothing changed, every task is read from the cache', () => {
    const output = workspace.nx('run-many', '-t', 'validate', '-p', GENERATED, COPIED, '--outputStyle=static');

    // Every task: the two validates, and what they run after (every pipeline's synth, the fleet check).
    expect(output).toMatch(/Nx read the output from the cache instead of running the command for (\d+) out of \1 tasks\./);
    expect(output).toContain(`${GENERATED}-dev: valid; the mocked plan and apply succeeded.`);
    // What a replayed step says is still true now: no timing, no "installed".
    expect(output).toContain(`synth ${GENERATED}: ${GENERATED}-dev, ${GENERATED}-prod in cdktf.out/stacks`);
    expect(output).not.toMatch(/ in \d+(\.\d+)? ?s\b|installed/);
  });

  // After validate, so that cdktf.out and terraform's files exist and are seen not to be inputs.
  test('synth - its cache inputs are the folder without output, tests or docs, its dependencies\' sources, the environments, the lockfile', () => {
    const { files } = JSON.parse(workspace.nx('show', 'target', 'inputs', `${GENERATED}:synth`, '--json')) as { files: string[] };
    const own = files.filter((f) => f.startsWith(`pipelines/${GENERATED}/`));

    expect(own.sort()).toEqual(
      // The Python tests (app/tests) are inputs of test, not of synth.
      ['app/Dockerfile', 'app/main.py', 'app/orders.py', 'app/requirements.txt', 'cdktf.json', 'main.ts'].map((f) => `pipelines/${GENERATED}/${f}`),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'packages/standard-etl/src/standard-etl.ts',
        'packages/core/src/shared-platform.ts',
        'packages/config/src/environments.ts',
        'package-lock.json',
      ]),
    );
    const unrelated = files.filter(
      (f) => /^packages\/[^/]+\/test\//.test(f) || /^packages\/(cli|nx-plugin)\//.test(f) || /^(stacks|pipelines)\//.test(f) && !own.includes(f),
    );
    expect(unrelated).toEqual([]);
  });

  // After validate, so that synth is cached: the tests read the datasets from its manifest.
  test('generator - nx run <name>:test and lint pass right after it, as for a folder copied by hand: its Python writes what main.ts declares', () => {
    const output = workspace.nx('run-many', '-t', 'test', 'lint', '-p', GENERATED, COPIED, '--outputStyle=static');

    for (const project of [GENERATED, COPIED]) {
      expect(output).toContain(`${project}: the Python tests of app/ passed`);
      expect(output).toContain(`${project}: ruff and mypy found nothing`);
    }
  });

  test('affected - a change in a pipeline folder selects that pipeline and the fleet check only', () => {
    expect(affectedSet(`pipelines/${GENERATED}/main.ts`)).toEqual(['fleet', GENERATED].sort());
  });

  test('affected - a change in standard-etl selects every pipeline and no stack', () => {
    const selected = affectedSet('packages/standard-etl/src/standard-etl.ts');

    expect(selected).toEqual(expect.arrayContaining(PIPELINES));
    expect(selected).not.toContain('shared');
  });

  test('affected - a change in the shared contract selects every pipeline and the shared stack', () => {
    expect(affectedSet('packages/core/src/shared-platform.ts')).toEqual(expect.arrayContaining([...PIPELINES, 'shared']));
  });

  test('affected - a change in the shared stack selects it alone', () => {
    expect(affectedSet('stacks/shared/main.ts')).toEqual(['shared']);
  });

  test.each(['README.md', 'docs/operating.md'])('affected - a change to the documentation (%s) selects nothing', (file) => {
    expect(affectedSet(file)).toEqual([]);
  });
});
