import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '../../src/commands/lint';
import { CommandError } from '../../src/errors';
import { processRunner, type CommandRunner } from '../../src/process/command-runner';
import { pythonProject } from '../../src/python/python-project';
import { CollectingReporter } from '../support/collecting-reporter';
import { RecordingRunner } from '../support/recording-runner';

const WORKSPACE = join(__dirname, '../../../..');

describe('lint', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'data-platform-lint-'));
    mkdirSync(join(root, 'pipelines', 'orders-feed', 'app'), { recursive: true });
    writeFileSync(join(root, 'pipelines', 'orders-feed', 'app', 'main.py'), 'print("hello")\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const project = () => pythonProject(join(root, 'pipelines', 'orders-feed'));
  const context = (runner: CommandRunner) => ({ runner, report: new CollectingReporter(), env: { PYTHON: '/venv/bin/python' } });

  test('lint - ruff, then mypy with the workspace\'s settings and the runtime on its path, both from app/, writing nothing there', async () => {
    const runner = new RecordingRunner(() => undefined);
    const ctx = context(runner);

    await lint(project(), ctx, root);

    const app = join(root, 'pipelines', 'orders-feed', 'app');
    const runtime = join(root, 'packages', 'pipeline-runtime', 'src');
    expect(runner.lines()).toEqual([
      '/venv/bin/python -c import ruff, mypy',
      '/venv/bin/python -m ruff check --no-cache --output-format concise .',
      `/venv/bin/python -m mypy --config-file ${join(root, 'mypy.ini')} --cache-dir ${join(tmpdir(), 'data-platform-mypy-cache', 'orders-feed')} .`,
    ]);
    expect(runner.calls.slice(1).map((c) => [c.cwd, c.stream, c.env.PYTHONPATH])).toEqual([[app, true, runtime], [app, true, runtime]]);
    expect(runner.calls[2]!.env.MYPYPATH).toBe(runtime);
    expect(ctx.report.summaries).toEqual([`orders-feed: ruff and mypy found nothing in ${app} (/venv/bin/python).`]);
  });

  test('lint - the runtime package: its src and tests (and bench, when it has one)', async () => {
    const dir = join(root, 'packages', 'pipeline-runtime');
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'tests'), { recursive: true });
    writeFileSync(join(dir, 'pyproject.toml'), '');
    const runner = new RecordingRunner(() => undefined);

    await lint(pythonProject(dir), context(runner), root);

    expect(runner.calls[2]!.args.slice(-2)).toEqual(['src', 'tests']);
  });

  test('lint - throws naming each tool that found something, after running both', async () => {
    const runner = new RecordingRunner((call) => (call.args[1] === 'ruff' || call.args[1] === 'mypy' ? { exitCode: 1 } : undefined));

    await expect(lint(project(), context(runner), root)).rejects.toThrow(
      new CommandError(`orders-feed: ruff (exit 1) and mypy (exit 1) found problems in ${join(root, 'pipelines', 'orders-feed', 'app')}; their report is above. \`ruff check --fix\` mends what it can.`),
    );
    expect(runner.calls).toHaveLength(3);
  });

  test('lint - throws, running nothing, when the app holds no Python', async () => {
    rmSync(join(root, 'pipelines', 'orders-feed', 'app', 'main.py'));
    const runner = new RecordingRunner(() => undefined);

    await expect(lint(project(), context(runner), root)).rejects.toThrow(
      `orders-feed: ${join(root, 'pipelines', 'orders-feed', 'app')} holds no Python file, so there is nothing to lint; the lint target exists only for a project that has some.`,
    );
    expect(runner.calls).toEqual([]);
  });

  test('lint - with the workspace\'s tools for real: clean code passes, an unused import and a wrong type fail', async () => {
    // A workspace with this repository's settings and runtime, and the machine's .venv.
    for (const file of ['ruff.toml', 'mypy.ini']) cpSync(join(WORKSPACE, file), join(root, file));
    const quiet: CommandRunner = { run: (command, args, options) => processRunner.run(command, args, { ...options, stream: false }) };
    const ctx = { runner: quiet, report: new CollectingReporter(), env: { PYTHON: join(WORKSPACE, '.venv', 'bin', 'python') } };
    const app = join(root, 'pipelines', 'orders-feed', 'app');
    writeFileSync(join(app, 'main.py'), 'def double(value: int) -> int:\n    return value * 2\n');
    await lint(project(), ctx, root);

    writeFileSync(join(app, 'main.py'), 'import os\n\n\ndef double(value: int) -> str:\n    return value * 2\n');
    await expect(lint(project(), ctx, root)).rejects.toThrow('ruff (exit 1) and mypy (exit 1) found problems');
  });
});
