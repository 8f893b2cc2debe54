import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRequirements, pythonEnv, WORKSPACE_MODULES } from '../../src/commands/python-env';
import { CollectingReporter } from '../support/collecting-reporter';
import { RecordingRunner } from '../support/recording-runner';

describe('python-env', () => {
  let root: string;
  let mirror: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'data-platform-python-env-'));
    mirror = mkdtempSync(join(tmpdir(), 'data-platform-python-env-mirror-'));
    writeFileSync(join(root, 'requirements-dev.txt'), 'pytest==9.1.1\n');
    for (const name of ['orders-feed', 'audit-log']) {
      mkdirSync(join(root, 'pipelines', name, 'app'), { recursive: true });
      writeFileSync(join(root, 'pipelines', name, 'app', 'requirements.txt'), '');
    }
    mkdirSync(join(root, 'pipelines', 'code-elsewhere'), { recursive: true });
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(mirror, { recursive: true, force: true });
  });

  test('appRequirements - every app\'s requirements.txt, in name order; a pipeline without app/ has none', () => {
    expect(appRequirements(root)).toEqual([
      join(root, 'pipelines', 'audit-log', 'app', 'requirements.txt'),
      join(root, 'pipelines', 'orders-feed', 'app', 'requirements.txt'),
    ]);
  });

  test('python-env - creates .venv, installs the tools, the runtime (editable) and every app\'s requirements from the local mirror, then checks every tool imports', async () => {
    const runner = new RecordingRunner((call) => (call.args.join(' ') === '-m pip config list' ? { stdout: `global.extra-index-url='${pathToFileURL(mirror).href}'\n` } : undefined));
    const report = new CollectingReporter();

    await pythonEnv(root, { runner, report, env: {} });

    const python = join(root, '.venv', 'bin', 'python');
    expect(runner.lines()).toEqual([
      `python3 -m venv ${join(root, '.venv')}`,
      `${python} -m pip config list`,
      `${python} -m pip install --disable-pip-version-check --index-url ${pathToFileURL(mirror).href} -r ${join(root, 'requirements-dev.txt')} ` +
        `-r ${join(root, 'pipelines', 'audit-log', 'app', 'requirements.txt')} -r ${join(root, 'pipelines', 'orders-feed', 'app', 'requirements.txt')} ` +
        `-e ${join(root, 'packages', 'pipeline-runtime')}[duckdb,polars]`,
      `${python} -c import ${WORKSPACE_MODULES.join(', ')}`,
    ]);
    expect(WORKSPACE_MODULES).toEqual(['pytest', 'ruff', 'mypy', 'pyarrow', 'duckdb', 'polars', 'boto3', 'data_platform_runtime']);
    expect(report.summaries).toEqual([`python-env: ${python} imports ${WORKSPACE_MODULES.join(', ')}.`]);
  });

  test('python-env - PYTHON names the interpreter it is created with; a changed requirement installs again, an unchanged one does not', async () => {
    const runner = () => new RecordingRunner(() => undefined);
    const first = runner();
    await pythonEnv(root, { runner: first, report: new CollectingReporter(), env: { PYTHON: '/opt/python3.12/bin/python3' } });
    expect(first.lines()[0]).toBe(`/opt/python3.12/bin/python3 -m venv ${join(root, '.venv')}`);

    const unchanged = runner();
    await pythonEnv(root, { runner: unchanged, report: new CollectingReporter(), env: { PYTHON: '/opt/python3.12/bin/python3' } });
    expect(unchanged.lines().some((l) => l.includes(' install '))).toBe(false);

    writeFileSync(join(root, 'pipelines', 'orders-feed', 'app', 'requirements.txt'), 'requests==2.32.3\n');
    const changed = runner();
    await pythonEnv(root, { runner: changed, report: new CollectingReporter(), env: { PYTHON: '/opt/python3.12/bin/python3' } });
    expect(changed.lines().some((l) => l.includes(' install '))).toBe(true);
  });
});
