import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { localMirrors, pipIndex } from '../../src/python/pip-index';
import { RecordingRunner } from '../support/recording-runner';

describe('pip-index', () => {
  let first: string;
  let second: string;
  beforeEach(() => {
    first = mkdtempSync(join(tmpdir(), 'data-platform-mirror-a-'));
    second = mkdtempSync(join(tmpdir(), 'data-platform-mirror-b-'));
  });
  afterEach(() => {
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });

  test('localMirrors - every index and extra index of pip config list that is a folder here, in order, once', () => {
    const listed = [
      ":env:.default-timeout='180'",
      `:env:.find-links='/opt/wheels'`,
      `global.extra-index-url='${pathToFileURL(first).href} ${pathToFileURL(second).href} file:///not/here/simple'`,
      `site.index-url='${pathToFileURL(first).href}'`,
      "user.extra-index-url='https://pypi.example.com/simple'",
    ].join('\n');

    expect(localMirrors(listed)).toEqual([pathToFileURL(first).href, pathToFileURL(second).href]);
    expect(localMirrors("global.index-url='https://pypi.org/simple'\n")).toEqual([]);
  });

  test('pipIndex - the local mirror alone when pip has one: the first as the index, the others as extra indexes', async () => {
    const runner = new RecordingRunner(() => ({ stdout: `global.extra-index-url='${pathToFileURL(first).href} ${pathToFileURL(second).href}'\n` }));

    await expect(pipIndex(runner, '/venv/bin/python', '/w')).resolves.toEqual({
      args: ['--index-url', pathToFileURL(first).href, '--extra-index-url', pathToFileURL(second).href],
      mirrors: [pathToFileURL(first).href, pathToFileURL(second).href],
    });
    expect(runner.lines()).toEqual(['/venv/bin/python -m pip config list']);
  });

  test('pipIndex - nothing added without a local mirror, or when pip cannot be asked: pip\'s own configuration (PyPI) applies', async () => {
    await expect(pipIndex(new RecordingRunner(() => ({ stdout: '' })), 'python3', '/w')).resolves.toEqual({ args: [], mirrors: [] });
    await expect(pipIndex(new RecordingRunner(() => ({ exitCode: 1, stderr: 'No module named pip' })), 'python3', '/w')).resolves.toEqual({ args: [], mirrors: [] });
  });
});
