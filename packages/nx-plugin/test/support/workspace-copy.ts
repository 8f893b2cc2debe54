import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The workspace this package lives in. */
export const WORKSPACE = join(__dirname, '../../../..');

/** The node_modules folders whose entries are workspace links (`../../packages/x`) or bins (`../x/bin`). */
const RELINKED = ['.bin', '@data-platform'];

/**
 * A throw-away copy of the workspace's files as they are now (tracked and untracked, without what
 * .gitignore leaves out: node_modules, cdktf.out, .nx, .venv). Its .venv links to the real one; its node_modules links to the real one's
 * packages, except the workspace's own, which resolve to the copy's folders as npm links them: Nx
 * builds the project graph from where an import resolves, so it must resolve inside the copy.
 * Nx then runs in it exactly as in the workspace, and nothing it writes reaches the workspace.
 */
export class WorkspaceCopy {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'data-platform-workspace-'));
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: WORKSPACE, encoding: 'utf8' });
    for (const file of listed.split('\0')) {
      // A tracked file deleted in the work tree is listed but gone.
      if (file && existsSync(join(WORKSPACE, file))) cpSync(join(WORKSPACE, file), join(this.root, file), { recursive: true });
    }
    linkNodeModules(join(WORKSPACE, 'node_modules'), join(this.root, 'node_modules'));
    // The workspace's Python environment (npx data-platform python-env), as test and lint find it.
    if (existsSync(join(WORKSPACE, '.venv'))) symlinkSync(join(WORKSPACE, '.venv'), join(this.root, '.venv'));
  }

  /** Runs nx in the copy, without daemon, cloud or terminal UI; returns its standard output. Throws with its output on failure. */
  nx(...args: string[]): string {
    try {
      return execFileSync(join(this.root, 'node_modules/.bin/nx'), args, {
        cwd: this.root,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`nx ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
  }

  /** Copies a folder of the copy by hand, as a person would, leaving out its synth output. */
  copyFolder(from: string, to: string): void {
    cpSync(join(this.root, from), join(this.root, to), {
      recursive: true,
      filter: (source) => !source.split('/').includes('cdktf.out'),
    });
  }

  exists(path: string): boolean {
    return existsSync(join(this.root, path));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function linkNodeModules(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (!RELINKED.includes(entry)) {
      symlinkSync(join(from, entry), join(to, entry));
      continue;
    }
    mkdirSync(join(to, entry));
    for (const link of readdirSync(join(from, entry))) {
      const source = join(from, entry, link);
      // npm's links are relative, so the same target resolves inside the copy.
      if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), join(to, entry, link));
      else cpSync(source, join(to, entry, link));
    }
  }
}
