/**
 * The platform's tests use fixtures of their own. The folders under `pipelines/` are the users' (the
 * examples stand in for them): each is checked by its own targets (validate, test) and the fleet
 * check, never by a package's tests. Installed by jest.setup.js, this guard fails a test that reads
 * anything there, naming the test and the path, so that no test of the platform can come to depend
 * on what a user writes in their pipeline. A test file under `pipelines/` (a user's own) is not
 * guarded, nor is a child process a test starts (nx, a synth, terraform).
 */
// The module object itself (not an import's copy of it): its functions are what every test calls.
import fs = require('node:fs');
import { relative, resolve, sep } from 'node:path';

/** The functions of `node:fs` (and of `node:fs/promises`) that read a path given first. */
const READERS = [
  'access', 'accessSync', 'cp', 'cpSync', 'createReadStream', 'exists', 'existsSync', 'lstat', 'lstatSync', 'open', 'openSync',
  'opendir', 'opendirSync', 'readdir', 'readdirSync', 'readFile', 'readFileSync', 'realpath', 'realpathSync', 'stat', 'statSync',
];
const PROMISE_READERS = ['access', 'cp', 'lstat', 'open', 'opendir', 'readdir', 'readFile', 'realpath', 'stat'];

/**
 * Kept on node's fs module, the one object every test file of a jest worker shares (jest gives each
 * test file its own instance of this module): the functions are wrapped once per process, and each
 * test file sets which test is running.
 */
const STATE = Symbol.for('data-platform.userFoldersGuard');
interface GuardState {
  installed: boolean;
  root: string;
  testPath: string;
}
const shared = fs as unknown as Record<symbol, GuardState | undefined>;
const state: GuardState = shared[STATE] ?? (shared[STATE] = { installed: false, root: '', testPath: '' });

export class UserFolderReadError extends Error {
  override readonly name = 'UserFolderReadError';

  constructor(path: string) {
    const test = relative(state.root, state.testPath);
    super(
      `${test} reads ${relative(state.root, path)}: the platform's tests use fixtures of their own. The folders under pipelines/ ` +
        'are the users\' (checked by their own targets and the fleet check); write the fixture in the test, or under its package\'s test/.',
    );
  }
}

/** Throws when `target` is the workspace's `pipelines/` folder or anything under it, and the running test is the platform's. */
function check(target: unknown): void {
  if (!state.testPath || (typeof target !== 'string' && !(target instanceof URL) && !Buffer.isBuffer(target))) return;
  const path = resolve(target instanceof URL ? target.pathname : String(target));
  const pipelines = resolve(state.root, 'pipelines');
  if (path === pipelines || path.startsWith(pipelines + sep)) throw new UserFolderReadError(path);
}

type Reader = (this: unknown, target: unknown, ...rest: unknown[]) => unknown;

function wrap(owner: object, name: string, returnsPromise: boolean): void {
  const functions = owner as Record<string, unknown>;
  const original = functions[name];
  if (typeof original !== 'function') return;
  const read = original as Reader;
  const guarded: Reader = returnsPromise
    ? function (this: unknown, target, ...rest) {
        try {
          check(target);
        } catch (error) {
          return Promise.reject(error);
        }
        return read.call(this, target, ...rest);
      }
    : function (this: unknown, target, ...rest) {
        check(target);
        return read.call(this, target, ...rest);
      };
  // realpathSync.native, promisify's custom forms and the like keep working.
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(original))) {
    if (!['length', 'name', 'prototype', 'arguments', 'caller'].includes(key)) Object.defineProperty(guarded, key, descriptor);
  }
  for (const symbol of Object.getOwnPropertySymbols(original)) Object.defineProperty(guarded, symbol, Object.getOwnPropertyDescriptor(original, symbol)!);
  functions[name] = guarded;
}

/**
 * Guards the reads of the test file at `testPath` against the workspace at `root`. Call it once per
 * test file; the functions are wrapped once per process.
 */
export function guardUserFolders(root: string, testPath: string | undefined): void {
  state.root = root;
  // A user's own test (pipelines/<name>/**) reads its own folder.
  const pipelines = resolve(root, 'pipelines') + sep;
  state.testPath = testPath && !resolve(testPath).startsWith(pipelines) ? testPath : '';
  if (state.installed) return;
  state.installed = true;
  for (const name of READERS) wrap(fs, name, false);
  for (const name of PROMISE_READERS) wrap(fs.promises, name, true);
}
