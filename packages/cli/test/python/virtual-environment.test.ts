import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../../src/errors';
import { processRunner } from '../../src/process/command-runner';
import { ensureVirtualEnvironment, fingerprint, type VirtualEnvironment } from '../../src/python/virtual-environment';
import { CollectingReporter } from '../support/collecting-reporter';
import { RecordingRunner } from '../support/recording-runner';

describe('virtual-environment', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-platform-venv-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const environment = (changes: Partial<VirtualEnvironment> = {}): VirtualEnvironment => ({
    dir: join(dir, 'venv'),
    basePython: 'python3',
    install: ['-r', join(dir, 'requirements.txt')],
    inputs: [join(dir, 'requirements.txt')],
    modules: ['json'],
    project: 'orders-feed-dev',
    ...changes,
  });
  const context = (runner: RecordingRunner) => ({ runner, report: new CollectingReporter(), env: {} });

  test('fingerprint - changes with the content of an input file and with the install arguments', () => {
    writeFileSync(join(dir, 'requirements.txt'), 'requests==2.32.3\n');
    const before = fingerprint(environment());
    writeFileSync(join(dir, 'requirements.txt'), 'requests==2.32.4\n');
    expect(fingerprint(environment())).not.toBe(before);
    expect(fingerprint(environment({ install: ['.'] }))).not.toBe(fingerprint(environment()));
  });

  test('ensureVirtualEnvironment - throws with pip\'s last lines when the install fails, and records nothing', async () => {
    writeFileSync(join(dir, 'requirements.txt'), 'no-such-package==9\n');
    const runner = new RecordingRunner((call) =>
      call.args.includes('install') ? { exitCode: 1, stderr: 'ERROR: Could not find a version that satisfies the requirement no-such-package==9' } : undefined,
    );
    await expect(ensureVirtualEnvironment(environment(), context(runner), dir)).rejects.toThrow(
      new CommandError(
        `orders-feed-dev: pip install -r ${join(dir, 'requirements.txt')} failed (exit 1):\nERROR: Could not find a version that satisfies the requirement no-such-package==9`,
      ),
    );
    expect(existsSync(join(dir, 'venv', '.data-platform-fingerprint'))).toBe(false);
  });

  test('ensureVirtualEnvironment - throws when a module does not import afterwards: a missing tool fails loudly', async () => {
    const runner = new RecordingRunner((call) => (call.args[0] === '-c' ? { exitCode: 1, stderr: "ModuleNotFoundError: No module named 'ruff'\n" } : undefined));
    await expect(ensureVirtualEnvironment(environment({ modules: ['pytest', 'ruff'] }), context(runner), dir)).rejects.toThrow(
      `orders-feed-dev: ${join(dir, 'venv')} was installed, but Python cannot import all of pytest, ruff: ModuleNotFoundError: No module named 'ruff'. ` +
        'Delete the folder and run the command again.',
    );
  });

  test('ensureVirtualEnvironment - with the machine\'s python3: creates the environment, and its interpreter imports the modules', async () => {
    const python = await ensureVirtualEnvironment(environment({ install: [], inputs: [] }), { runner: processRunner, report: new CollectingReporter(), env: {} }, dir);

    expect(python).toBe(join(dir, 'venv', 'bin', 'python'));
    expect(existsSync(python)).toBe(true);
    expect(readFileSync(join(dir, 'venv', 'pyvenv.cfg'), 'utf8')).toContain('home =');
  });
});
