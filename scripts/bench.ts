/**
 * `npm run bench`: how long synthesis takes and how much memory it needs. Prints figures; asserts nothing.
 *
 * 1. Every stack folder (a folder holding cdktf.json under stacks/ or pipelines/): its app, run as
 *    cdktf.json says in a child process, into a temporary output folder (cdktf.out is left alone).
 *    Wall time and peak resident memory come from GNU time (`/usr/bin/time -f "%e %M"`).
 * 2. Scaling: one app holding 1, 10 and 50 pipelines, each in every environment (this script runs
 *    itself with `--synth-pipelines N` for that).
 *
 * Targets (issue 3): one pipeline folder ≤ 1.2 s and ≤ 200 MB; shared ≤ 1.5 s and ≤ 250 MB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { PipelineConfig } from '@data-platform/standard-etl';

const ROOT = resolve(__dirname, '..');
const TIME = '/usr/bin/time';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCALES = [1, 10, 50];
const TARGETS: Record<string, { seconds: number; megabytes: number }> = {
  shared: { seconds: 1.5, megabytes: 250 },
  pipeline: { seconds: 1.2, megabytes: 200 },
};

interface Measure {
  /** Wall time. */
  readonly seconds: number;
  /** User + system CPU time: what the run costs, whatever else the machine is doing. */
  readonly cpuSeconds: number;
  readonly megabytes: number;
  readonly stacks: number;
}

/** Runs a shell command under GNU time with a fresh output folder; fails loudly if the command fails. */
function measure(command: string, cwd: string): Measure {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const report = join(outdir, 'time.txt');
  try {
    const result = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', report, 'sh', '-c', command], {
      cwd,
      env: { ...process.env, CDKTF_OUTDIR: join(outdir, 'out') },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`${relative(ROOT, cwd) || '.'}: \`${command}\` failed:\n${result.stderr}`);
    const [seconds, kilobytes, user, system] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    const stacksDir = join(outdir, 'out', 'stacks');
    const stacks = existsSync(stacksDir) ? readdirSync(stacksDir).length : 0;
    return { seconds: seconds!, cpuSeconds: user! + system!, megabytes: kilobytes! / 1024, stacks };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The median run of several (the machine is shared: single runs are noisy). */
function median(command: string, cwd: string): Measure {
  const runs = Array.from({ length: RUNS }, () => measure(command, cwd));
  const middle = <K extends 'seconds' | 'cpuSeconds'>(key: K) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return { seconds: middle('seconds'), cpuSeconds: middle('cpuSeconds'), megabytes: Math.max(...runs.map((r) => r.megabytes)), stacks: runs[0]!.stacks };
}

function stackFolders(): string[] {
  return ['stacks', 'pipelines'].flatMap((parent) => {
    const dir = join(ROOT, parent);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((folder) => existsSync(join(folder, 'cdktf.json')))
      .sort();
  });
}

/** The issues' targets are wall time and peak memory; cpu time is printed beside them, not judged. */
function verdict(measured: Measure, target: { seconds: number; megabytes: number } | undefined): string {
  if (!target) return '';
  const over = [
    measured.seconds > target.seconds ? 'wall' : '',
    measured.megabytes > target.megabytes ? 'memory' : '',
  ].filter(Boolean);
  return `≤ ${target.seconds} s, ≤ ${target.megabytes} MB: ${over.length ? `over (${over.join(', ')})` : 'within'}`;
}

function row(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join('  ');
}

/** The child mode: one app with N pipelines (alternately always-on and scheduled) in every environment. */
async function synthPipelines(count: number): Promise<void> {
  const { loadEnvironments } = await import('@data-platform/config');
  const { runApp } = await import('@data-platform/core');
  const { PipelineStack } = await import('@data-platform/standard-etl');
  runApp((app) => {
    for (let i = 1; i <= count; i += 1) {
      const pipeline: PipelineConfig =
        i % 2 === 1
          ? { mode: 'service', variables: { LOOP_INTERVAL: '300' }, secrets: { API_KEY: 'api-key' } }
          : { mode: 'schedule', schedule: 'cron(5 * * * ? *)', retries: 2, maxRuntimeMinutes: 30, secrets: { TOKEN: 'token' } };
      for (const environment of loadEnvironments().values()) {
        new PipelineStack(app, { name: `bench-${String(i).padStart(3, '0')}`, environment, pipeline });
      }
    }
  });
}

function main(): void {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure peak memory; install the "time" package.`);
  const node = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
  process.stdout.write(
    `Synth benchmark: node ${node}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}.\n` +
      `wall s and cpu s (user + system): medians of ${RUNS} runs; peak MB: the highest max RSS of those runs.\n` +
      'On a busy machine wall time grows with the load; cpu time does not.\n\n',
  );

  const widths = [32, 7, 8, 7, 9, 42];
  process.stdout.write('Per stack folder (its app, as cdktf.json runs it; each synthesizes every environment)\n');
  process.stdout.write(`${row(['folder', 'stacks', 'wall s', 'cpu s', 'peak MB', 'target'], widths)}\n`);
  for (const folder of stackFolders()) {
    const app = (JSON.parse(readFileSync(join(folder, 'cdktf.json'), 'utf8')) as { app: string }).app;
    const measured = median(app, folder);
    const kind = relative(ROOT, folder).startsWith('pipelines') ? 'pipeline' : relative(ROOT, folder) === join('stacks', 'shared') ? 'shared' : '';
    process.stdout.write(
      `${row([relative(ROOT, folder), measured.stacks, measured.seconds.toFixed(2), measured.cpuSeconds.toFixed(2), measured.megabytes.toFixed(0), verdict(measured, TARGETS[kind])], widths)}\n`,
    );
  }

  process.stdout.write('\nScaling: one app with N pipelines (half always-on, half scheduled), every environment\n');
  const scaleWidths = [12, 7, 8, 7, 9, 18];
  process.stdout.write(`${row(['pipelines', 'stacks', 'wall s', 'cpu s', 'peak MB', 'cpu ms per stack'], scaleWidths)}\n`);
  const self = `node --import tsx ${JSON.stringify(relative(ROOT, __filename))} --synth-pipelines`;
  for (const count of SCALES) {
    const measured = median(`${self} ${count}`, ROOT);
    process.stdout.write(
      `${row([count, measured.stacks, measured.seconds.toFixed(2), measured.cpuSeconds.toFixed(2), measured.megabytes.toFixed(0), ((measured.cpuSeconds * 1000) / measured.stacks).toFixed(0)], scaleWidths)}\n`,
    );
  }
  process.stdout.write(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}.\n`);
}

if (process.argv[2] === '--synth-pipelines') {
  void synthPipelines(Number(process.argv[3]));
} else {
  main();
}
