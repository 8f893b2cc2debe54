import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WORKSPACE = resolve(__dirname, '../../..');

/** Runs `node -r @data-platform/core/register main.ts` on the given files, from the workspace root (where the loader resolves). */
function run(files: Record<string, string>, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'register-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = spawnSync(process.execPath, ['-r', '@data-platform/core/register', join(dir, 'main.ts')], {
    cwd: WORKSPACE,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: dir, ...env },
  });
  return { ...result, dir };
}

describe('register', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('register - runs TypeScript that imports TypeScript, types stripped, and keeps what it compiled', () => {
    const files = {
      'main.ts': "import { twice, type Doubled } from './twice';\nconst value: Doubled = twice(21);\nprocess.stdout.write(`${value}\\n`);\n",
      'twice.ts': 'export type Doubled = number;\nexport function twice(n: number): Doubled {\n  return n * 2;\n}\n',
    };
    const result = run(files);
    dirs.push(result.dir);
    expect([result.status, result.stderr, result.stdout]).toEqual([0, '', '42\n']);
    expect(readdirSync(join(result.dir, 'data-platform-compiled')).filter((f) => f.endsWith('.js'))).toHaveLength(2);
    // A second run reads them back; the result is the same.
    expect(run(files).stdout).toBe('42\n');
  });

  test('register - DATA_PLATFORM_DEBUG=1 gives stack traces with TypeScript lines', () => {
    const files = { 'main.ts': "type Reason = string;\n\nconst reason: Reason = 'boom';\nthrow new Error(reason);\n" };
    const plain = run(files);
    const debug = run(files, { DATA_PLATFORM_DEBUG: '1' });
    dirs.push(plain.dir, debug.dir);
    expect(debug.stderr).toContain(`${join(debug.dir, 'main.ts')}:4:7`);
    // Without it, the compiled line (the type alias and blank line are gone): no source-map cost.
    expect(plain.stderr).toContain(`${join(plain.dir, 'main.ts')}:3:7`);
    expect(plain.status).toBe(1);
    expect(debug.status).toBe(1);
  });
});
