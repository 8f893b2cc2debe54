import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The one list of teams, which pipelines name as their owner. */
const TEAMS_FILE = 'stacks/access/teams.ts';

/** The copy's teams.ts: one team, `analytics`, owner of whatever pipeline a test generates there. */
export const COPY_TEAMS =
  "import type { AccessConfig } from './src/access-config';\n\n" +
  "export const access: AccessConfig = {\n  teams: {\n    analytics: { owner: '@acme-data/analytics-leads' },\n  },\n};\n";

/** The workspace this package lives in. */
export const WORKSPACE = join(__dirname, '../../../..');

/** What a command line run in the copy ended with. */
export interface CommandLineResult {
  /** The exit code; null when a signal ended it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a command line is run: extra environment, and when to interrupt it as Ctrl-C would. */
export interface CommandLineOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Sends SIGINT to the whole command (as a terminal's Ctrl-C does) once its output contains this. */
  readonly interruptWhen?: string;
  /** @default 180000 */
  readonly timeoutMs?: number;
}

/** The environment of Nx in the copy: no daemon left behind, no colour codes in what tests read. */
const NX_ENV = { NX_DAEMON: 'false', NX_INTERACTIVE: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };

/** The node_modules folders whose entries are workspace links (`../../packages/x`) or bins (`../x/bin`). */
const RELINKED = ['.bin', '@data-platform'];

/**
 * A throw-away copy of the workspace's files as they are now (tracked and untracked, without what
 * .gitignore leaves out: node_modules, cdktf.out, .nx, .venv), and without the users' pipeline
 * folders and teams: `pipelines/` starts empty and `teams.ts` declares one team, so what a test does
 * there depends on the platform alone, never on the pipelines a user has written (the tests add their
 * own). Its .venv links to the real one; its node_modules links to the real one's packages, except
 * the workspace's own, which resolve to the copy's folders as npm links them: Nx builds the project
 * graph from where an import resolves, so it must resolve inside the copy. Nx then runs in it
 * exactly as in the workspace, and nothing it writes reaches the workspace.
 */
export class WorkspaceCopy {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'data-platform-workspace-'));
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: WORKSPACE, encoding: 'utf8' });
    for (const file of listed.split('\0')) {
      // A tracked file deleted in the work tree is listed but gone.
      if (file && !file.startsWith('pipelines/') && existsSync(join(WORKSPACE, file))) cpSync(join(WORKSPACE, file), join(this.root, file), { recursive: true });
    }
    mkdirSync(join(this.root, 'pipelines'), { recursive: true });
    // teams.ts is the users' too (their teams and grants, naming their pipelines' datasets): the copy
    // declares one team of its own, with no grants, which every pipeline a test writes may own.
    writeFileSync(join(this.root, TEAMS_FILE), COPY_TEAMS);
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
        env: { ...process.env, ...NX_ENV },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`nx ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
  }

  /**
   * Runs a command line as a person types it (`npx nx run ...`), with `sh -c` in the copy's root,
   * in a process group of its own so that `interruptWhen` can send SIGINT to all of it.
   */
  commandLine(line: string, options: CommandLineOptions = {}): Promise<CommandLineResult> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ...NX_ENV, ...options.env })) if (value !== undefined) env[key] = value;
    return new Promise((done, fail) => {
      const child = spawn('sh', ['-c', line], { cwd: this.root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let interrupted = false;
      const interrupt = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
      };
      const watch = () => {
        if (!interrupted && options.interruptWhen !== undefined && (stdout + stderr).includes(options.interruptWhen)) {
          interrupted = true;
          interrupt('SIGINT');
        }
      };
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        watch();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        watch();
      });
      const timer = setTimeout(() => interrupt('SIGKILL'), options.timeoutMs ?? 180_000);
      child.on('error', fail);
      child.on('close', (code) => {
        clearTimeout(timer);
        done({ code, stdout, stderr });
      });
    });
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), text);
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  delete(path: string): void {
    rmSync(join(this.root, path), { recursive: true, force: true });
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
