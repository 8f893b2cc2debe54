/**
 * Runs the shell script of one workflow step as GitHub's runner does (`bash -e`), with stand-ins
 * for the programs it calls (aws, npx, gh, curl) put first on PATH. Each stand-in answers from a
 * list of replies (standard output and error, exit code), in order, and records its arguments and standard input, so a test can assert
 * what the script did and make any call fail.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One reply of a stand-in program: what it prints, and its exit code. */
export interface Reply {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode?: number;
}

export interface StepRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What the script appended to $GITHUB_OUTPUT, as name → value. */
  readonly outputs: Readonly<Record<string, string>>;
  /** What it appended to $GITHUB_STEP_SUMMARY. */
  readonly summary: string;
  /** Every call of each stand-in: its arguments and standard input. */
  readonly calls: Readonly<Record<string, ReadonlyArray<{ readonly args: readonly string[]; readonly stdin: string }>>>;
  /** RUNNER_TEMP, where the script may have written files. */
  readonly temp: string;
}

export interface StepOptions {
  /** The step's environment (its `env:`), on top of PATH and the runner's files. */
  readonly env?: Readonly<Record<string, string>>;
  /** Stand-ins by program name, each with its replies in order; the last reply repeats. */
  readonly stubs?: Readonly<Record<string, readonly Reply[]>>;
  /** Working directory. @default - a fresh temporary folder */
  readonly cwd?: string;
}

const STUB = `#!/usr/bin/env bash
# Stand-in: records the call, then prints reply N (the last one once they run out).
dir="$(dirname "$0")/../calls/$(basename "$0")"
mkdir -p "$dir"
n=$(( $(ls "$dir" | grep -c '\\.args$') + 1 ))
printf '%s\\0' "$@" > "$dir/$n.args"
if [ -t 0 ]; then : > "$dir/$n.stdin"; else cat > "$dir/$n.stdin"; fi
replies="$(dirname "$0")/../replies/$(basename "$0")"
count=$(ls "$replies" | grep -c '\\.out$')
k=$(( n < count ? n : count ))
cat "$replies/$k.out"
cat "$replies/$k.err" >&2
exit "$(cat "$replies/$k.code")"
`;

const created: string[] = [];

/** A temporary folder, removed by `removeTemporaryFolders`. */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder this module created (call it in afterAll). */
export function removeTemporaryFolders(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function runStep(script: string, options: StepOptions = {}): StepRun {
  const temp = temporaryFolder('workflow-step-');
  const bin = join(temp, 'bin');
  mkdirSync(bin);
  for (const [program, replies] of Object.entries(options.stubs ?? {})) {
    const dir = join(temp, 'replies', program);
    mkdirSync(dir, { recursive: true });
    replies.forEach((reply, index) => {
      writeFileSync(join(dir, `${index + 1}.out`), reply.stdout ?? '');
      writeFileSync(join(dir, `${index + 1}.err`), reply.stderr ?? '');
      writeFileSync(join(dir, `${index + 1}.code`), String(reply.exitCode ?? 0));
    });
    writeFileSync(join(bin, program), STUB);
    chmodSync(join(bin, program), 0o755);
  }
  const outputFile = join(temp, 'github-output');
  const summaryFile = join(temp, 'step-summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const scriptFile = join(temp, 'step.sh');
  writeFileSync(scriptFile, script);
  const cwd = options.cwd ?? mkdtempSync(join(temp, 'work-'));
  const result = spawnSync('bash', ['-e', scriptFile], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: temp,
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...options.env,
    },
  });
  const calls: Record<string, Array<{ args: string[]; stdin: string }>> = {};
  for (const program of Object.keys(options.stubs ?? {})) {
    const dir = join(temp, 'calls', program);
    calls[program] = [];
    for (let n = 1; existsSync(join(dir, `${n}.args`)); n += 1) {
      const args = readFileSync(join(dir, `${n}.args`), 'utf8').split('\0').slice(0, -1);
      calls[program].push({ args, stdin: readFileSync(join(dir, `${n}.stdin`), 'utf8') });
    }
  }
  return {
    exitCode: result.status ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    calls,
    temp,
  };
}

/** `name=value` lines (the only form these workflows write). */
function parseOutputs(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}
