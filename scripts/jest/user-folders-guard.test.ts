import { existsSync, mkdtempSync, promises, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Installed for this file by jest.setup.js, as for every test file of the workspace. The functions
// were wrapped by the first test file of this jest worker, whose own instance of the module throws:
// errors are told by their message, not their class.
import { guardUserFolders } from './user-folders-guard';

const ROOT = resolve(__dirname, '../..');
const THIS_TEST = 'scripts/jest/user-folders-guard.test.ts';

describe('guardUserFolders', () => {
  test('guardUserFolders - a platform test that reads under pipelines/ fails, naming the test and the path', () => {
    expect(() => readFileSync(join(ROOT, 'pipelines', 'any-pipeline', 'main.ts'), 'utf8')).toThrow(
      `${THIS_TEST} reads pipelines/any-pipeline/main.ts: the platform's tests use fixtures of their own. The folders under pipelines/ ` +
        "are the users' (checked by their own targets and the fleet check); write the fixture in the test, or under its package's test/.",
    );
  });

  test('guardUserFolders - listing the folder, or asking whether something exists there, is reading it too', async () => {
    expect(() => readdirSync(join(ROOT, 'pipelines'))).toThrow(`${THIS_TEST} reads pipelines: `);
    expect(() => existsSync(join(ROOT, 'pipelines', 'x', 'cdktf.json'))).toThrow(`${THIS_TEST} reads pipelines/x/cdktf.json: `);
    await expect(promises.readdir(join(ROOT, 'pipelines'))).rejects.toThrow(`${THIS_TEST} reads pipelines: `);
  });

  test('guardUserFolders - the rest of the workspace, and folders named pipelines elsewhere, read as usual', () => {
    expect(readFileSync(join(ROOT, 'nx.json'), 'utf8')).toContain('"plugins"');
    expect(existsSync(join(ROOT, 'pipelines-elsewhere'))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'guard-'));
    try {
      writeFileSync(join(dir, 'main.ts'), 'x');
      expect(readdirSync(dir)).toEqual(['main.ts']);
      const fixture = join(dir, 'pipelines');
      expect(existsSync(fixture)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('guardUserFolders - a test file under pipelines/ (a user\'s own) reads its own folder', () => {
    try {
      guardUserFolders(ROOT, join(ROOT, 'pipelines', 'orders', 'app', 'main.test.ts'));
      expect(() => existsSync(join(ROOT, 'pipelines', 'orders', 'main.ts'))).not.toThrow();
    } finally {
      guardUserFolders(ROOT, join(ROOT, THIS_TEST));
    }
    expect(() => existsSync(join(ROOT, 'pipelines', 'orders', 'main.ts'))).toThrow(`${THIS_TEST} reads pipelines/orders/main.ts: `);
  });
});
