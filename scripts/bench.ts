/**
 * `npm run bench [-- --fleet N]`: how long the offline loop takes. Prints figures and ratios from one
 * run; asserts nothing (a timed test is not a benchmark).
 *
 * 1. Every stack folder of the workspace: its app, run as cdktf.json says, into a temporary output
 *    folder (cdktf.out is left alone): wall time, CPU time and peak memory (GNU time).
 * 2. Ratios: synth of one pipeline folder against node loading `@cdktf/provider-aws` from its root
 *    (target ≤ 0.25); `data-platform validate` of one stack against a bare `terraform validate` of
 *    the same, initialized stack (target ≤ 2.2).
 * 3. With `--fleet N`: a copy of the workspace in a temporary folder, N pipeline folders added by
 *    copying the examples as a person would, then `nx run-many` of synth (cold), validate for every
 *    environment (cold), and validate again with nothing changed (cached); per-task medians from
 *    Nx's task profile (`NX_PROFILE`). Targets at 50: cold validate ≤ 8 min, unchanged ≤ 20 s.
 *
 * 4. The lake's files: one million rows of the shopify-products dataset's shape written by the
 *    platform's runtime as gzipped JSON Lines and as Parquet (seconds, bytes), and the bytes DuckDB
 *    reads of each for `SELECT vendor, count(*) ... GROUP BY 1`, a stand-in for what Athena scans
 *    and bills (packages/pipeline-runtime/bench/lake_formats.py, with the workspace's .venv or PYTHON).
 *    `--lake` runs this part alone.
 *
 * 4. `fleet:status` of 50 pipelines × 24 intervals (`--status` alone): a workspace of 50 scheduled jobs,
 *    a run ledger of 1,200 records seeded through the loopback AWS endpoint, then `data-platform
 *    fleet-status --json` as a process of its own against it (target ≤ 2 s), and the page's size.
 *
 * Wall time grows with the machine's load (printed at the start and the end); CPU time does not.
 * Needs terraform on PATH (and TF_PLUGIN_DIR offline), like `validate`. `--save <file>` also writes
 * the run as JSON (scripts/bench-results.ts), which `npm run docs` turns into docs/benchmarks.md's tables.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { manifest } from '../packages/cli/test/fleet/fleet-fixtures';
import { FakeAws, setEnv } from '../packages/cli/test/support/fake-aws';
import { jobRuns, withFreshness, writePipelineFolder } from '../packages/cli/test/support/fleet-ledger';
import { addLedgerTable, seedLedger } from '../packages/cli/test/support/ledger-fixture';
import type { BenchRun, FleetRow } from './bench-results';

const ROOT = resolve(__dirname, '..');
const TIME = '/usr/bin/time';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYNTH_RATIO_TARGET = 0.25;
const VALIDATE_RATIO_TARGET = 2.2;
const FLEET_COLD_TARGET_SECONDS = 8 * 60;
const FLEET_UNCHANGED_TARGET_SECONDS = 20;
/** The examples the fleet's folders are copies of: one scheduled job, one always-on service. */
const FLEET_EXAMPLES = ['pipelines/shopify-products', 'pipelines/ticketing-api'];
/** The stack whose validate is compared to a bare `terraform validate`. */
const RATIO_FOLDER = 'pipelines/shopify-products';
/** The platform's Python runtime, whose writer and DuckDB views the lake benchmark uses. */
const RUNTIME = 'packages/pipeline-runtime';
/** Rows the lake benchmark writes in each format. */
const LAKE_ROWS = 1_000_000;

interface Measure {
  /** Wall time. */
  readonly seconds: number;
  /** User + system CPU time: what the run costs, whatever else the machine is doing. */
  readonly cpuSeconds: number;
  readonly megabytes: number;
}

/** Runs a shell command under GNU time; fails loudly if the command fails. */
function measure(command: string, cwd: string, env: Readonly<Record<string, string>> = {}): Measure {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-'));
  const report = join(scratch, 'time.txt');
  try {
    const result = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', report, 'sh', '-c', command], {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`${cwd}: \`${command}\` failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
    const [seconds, kilobytes, user, system] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { seconds: seconds!, cpuSeconds: user! + system!, megabytes: kilobytes! / 1024 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The median run of several (the machine is shared: single runs are noisy); `before` runs ahead of each. */
function median(command: string, cwd: string, env: Readonly<Record<string, string>> = {}, before?: () => void): Measure {
  const runs = Array.from({ length: RUNS }, () => {
    before?.();
    return measure(command, cwd, env);
  });
  const middle = (key: 'seconds' | 'cpuSeconds') => middleOf(runs.map((r) => r[key]));
  return { seconds: middle('seconds'), cpuSeconds: middle('cpuSeconds'), megabytes: Math.max(...runs.map((r) => r.megabytes)) };
}

function middleOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function stackFolders(root: string): string[] {
  return ['stacks', 'pipelines'].flatMap((parent) => {
    const dir = join(root, parent);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((folder) => existsSync(join(folder, 'cdktf.json')))
      .sort();
  });
}

function appOf(folder: string): string {
  return (JSON.parse(readFileSync(join(folder, 'cdktf.json'), 'utf8')) as { app: string }).app;
}

function row(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join('  ');
}

function load(): string {
  return loadavg().map((l) => l.toFixed(1)).join(' ');
}

function out(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function verdict(value: number, target: number): string {
  return `${value.toFixed(2)} (target ≤ ${target}: ${value <= target ? 'within' : 'over'})`;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What `--save` writes: filled in as the run goes. */
const saved: Partial<Mutable<BenchRun>> & { folders: Array<BenchRun['folders'][number]> } = { folders: [] };

/** Like `measure`, without blocking the event loop: the loopback endpoint in this process must answer the child. */
function measureAsync(command: string, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<Measure & { stdout: string }> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-'));
  const report = join(scratch, 'time.txt');
  return new Promise((done, fail) => {
    const child = spawn(TIME, ['-f', '%e %M %U %S', '-o', report, 'sh', '-c', command], { cwd, env: { ...process.env, ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      try {
        // fleet-status exits 1 when a pipeline needs attention: what it printed decides, not its code.
        if (code !== 0 && code !== 1) throw new Error(`${cwd}: \`${command}\` failed (${code}):\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
        const [seconds, kilobytes, user, system] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        done({ seconds: seconds!, cpuSeconds: user! + system!, megabytes: kilobytes! / 1024, stdout });
      } catch (error) {
        fail(error);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
}

/** What `fleet:status` is measured on: 50 scheduled jobs, 24 intervals each in the run ledger. */
const STATUS_PIPELINES = 50;
const STATUS_INTERVALS = 24;
const STATUS_TARGET_SECONDS = 2;

/** 4. `fleet:status` of 50 pipelines × 24 intervals against the loopback endpoint, as a process of its own. */
async function fleetStatusBench(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), 'bench-status-'));
  const aws = new FakeAws(30 * 60_000);
  await aws.start();
  const restore = setEnv(aws.env());
  try {
    const hourly = { expression: 'cron(5 * * * ? *)', timezone: 'UTC' };
    const names = Array.from({ length: STATUS_PIPELINES }, (_, i) => `job-${String(i + 1).padStart(2, '0')}`);
    for (const name of names) writePipelineFolder(workspace, withFreshness(manifest(name, { schedule: hourly.expression }), 7200, '2 periods of 60 minutes'));
    addLedgerTable(aws);
    const now = Date.now();
    const records = names.flatMap((name) => jobRuns(name, hourly, STATUS_INTERVALS, now, (_, i) => (i % 11 === 5 ? 'FAILED' : 'SUCCEEDED')));
    await seedLedger(records);
    const command = (extra: string) => `node ${join(ROOT, 'packages', 'cli', 'bin', 'data-platform.js')} fleet-status --env dev --last ${STATUS_INTERVALS} ${extra}`;
    const env = { ...aws.env(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const runs: Measure[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      aws.requests.length = 0;
      const m = await measureAsync(command('--json'), workspace, env);
      const status = JSON.parse(m.stdout) as { pipelines: Array<{ grid: unknown[] }> };
      if (status.pipelines.length !== STATUS_PIPELINES || status.pipelines.some((p) => p.grid.length !== STATUS_INTERVALS)) throw new Error('bench: fleet-status did not read every pipeline\'s grid');
      runs.push(m);
    }
    const queries = aws.requests.filter((r) => r.operation === 'Query').length;
    await measureAsync(command('--html'), workspace, env);
    const pageBytes = statSync(join(workspace, 'dist', 'status', 'dev.html')).size;
    const seconds = middleOf(runs.map((r) => r.seconds));
    const cpuSeconds = middleOf(runs.map((r) => r.cpuSeconds));
    const megabytes = Math.max(...runs.map((r) => r.megabytes));
    out(`\nfleet:status of ${STATUS_PIPELINES} pipelines × ${STATUS_INTERVALS} intervals (${records.length} ledger records, ${queries} Queries) against the loopback endpoint, a process of its own`);
    const widths = [24, 8, 7, 9, 9];
    out(row(['', 'wall s', 'cpu s', 'peak MB', 'page KB'], widths));
    out(row(['fleet-status --json', seconds.toFixed(2), cpuSeconds.toFixed(2), megabytes.toFixed(0), (pageBytes / 1024).toFixed(0)], widths));
    out(`wall: ${verdict(seconds, STATUS_TARGET_SECONDS)}`);
    saved.status = { pipelines: STATUS_PIPELINES, intervals: STATUS_INTERVALS, records: records.length, queries, seconds, cpuSeconds, megabytes, pageBytes, targetSeconds: STATUS_TARGET_SECONDS };
  } finally {
    restore();
    await aws.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** 1. Synth of every stack folder, as its cdktf.json runs it. */
function perFolder(): void {
  out('Synth per stack folder (its app as cdktf.json runs it; each synthesizes every environment)');
  const widths = [32, 8, 7, 9];
  out(row(['folder', 'wall s', 'cpu s', 'peak MB'], widths));
  for (const folder of stackFolders(ROOT)) {
    const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
    try {
      const m = median(appOf(folder), folder, { CDKTF_OUTDIR: outdir });
      out(row([relative(ROOT, folder), m.seconds.toFixed(2), m.cpuSeconds.toFixed(2), m.megabytes.toFixed(0)], widths));
      saved.folders.push({ folder: relative(ROOT, folder), ...m });
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
}

/** 2. The two ratios of issue 13, measured in the workspace copy (its cdktf.out is its own). */
function ratios(workspace: string): void {
  const folder = join(workspace, RATIO_FOLDER);
  const name = RATIO_FOLDER.split('/').pop()!;
  out(`\nRatios (medians of ${RUNS} runs)`);
  const root = median(`node -e "require('@cdktf/provider-aws')"`, folder);
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const synth = median(appOf(folder), folder, { CDKTF_OUTDIR: outdir });
  rmSync(outdir, { recursive: true, force: true });
  const widths = [58, 8, 7];
  out(row(['', 'wall s', 'cpu s'], widths));
  out(row([`node loading @cdktf/provider-aws from its root`, root.seconds.toFixed(2), root.cpuSeconds.toFixed(2)], widths));
  out(row([`synth of ${RATIO_FOLDER} (2 stacks)`, synth.seconds.toFixed(2), synth.cpuSeconds.toFixed(2)], widths));

  // validate reads the folder's own cdktf.out: synthesize it there first.
  execFileSync('sh', ['-c', appOf(folder)], { cwd: folder, stdio: 'ignore' });
  const stackDir = join(folder, 'cdktf.out', 'stacks', `${name}-dev`);
  const bare = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  cpSync(join(stackDir, 'cdk.tf.json'), join(bare, 'cdk.tf.json'));
  const env = terraformEnv(workspace);
  execFileSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: bare, env: { ...process.env, ...env }, stdio: 'ignore' });
  const terraformValidate = median('terraform validate -no-color', bare, env);
  rmSync(bare, { recursive: true, force: true });
  const cli = join(workspace, 'node_modules', '.bin', 'data-platform');
  // Cold: no Nx cache and a fresh offline-test folder (validate recreates it); providers already
  // installed on this machine, which every validate after the first finds.
  const validate = median(`${cli} validate --env dev`, folder);
  out(row([`bare terraform validate of ${name}-dev (initialized)`, terraformValidate.seconds.toFixed(2), terraformValidate.cpuSeconds.toFixed(2)], widths));
  out(row([`data-platform validate --env dev of ${name}-dev (cold)`, validate.seconds.toFixed(2), validate.cpuSeconds.toFixed(2)], widths));
  out(`synth / root import:      wall ${verdict(synth.seconds / root.seconds, SYNTH_RATIO_TARGET)}, cpu ${(synth.cpuSeconds / root.cpuSeconds).toFixed(2)}`);
  out(`validate / bare validate: wall ${verdict(validate.seconds / terraformValidate.seconds, VALIDATE_RATIO_TARGET)}, cpu ${(validate.cpuSeconds / terraformValidate.cpuSeconds).toFixed(2)}`);
  saved.ratios = { folder: RATIO_FOLDER, synth, rootImport: root, validate, bareValidate: terraformValidate, synthTarget: SYNTH_RATIO_TARGET, validateTarget: VALIDATE_RATIO_TARGET };
}

/** What `data-platform validate` gives terraform (the offline mirror's CLI configuration), for the bare run. */
function terraformEnv(workspace: string): Record<string, string> {
  const script = "process.stdout.write(JSON.stringify(require('./packages/cli/src/terraform/plugin-mirror').terraformEnvironment()))";
  return JSON.parse(execFileSync('node', ['-r', '@data-platform/core/register', '-e', script], { cwd: workspace, encoding: 'utf8' })) as Record<string, string>;
}

interface ProfileEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly args?: { readonly target?: { readonly target: string }; readonly status?: string };
}

/** Runs nx in the copy with its task profile; returns the wall time and each task's seconds by target. */
function nx(workspace: string, args: readonly string[]): { measure: Measure; tasks: Map<string, number[]> } {
  const profile = join(workspace, 'dist', `bench-profile-${Date.now()}.json`);
  mkdirSync(join(workspace, 'dist'), { recursive: true });
  const command = ['node_modules/.bin/nx', ...args, '--outputStyle=static'].join(' ');
  const m = measure(command, workspace, { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_PROFILE: relative(workspace, profile) });
  const tasks = new Map<string, number[]>();
  for (const event of JSON.parse(readFileSync(profile, 'utf8')) as ProfileEvent[]) {
    const target = event.args?.target?.target;
    if (event.ph !== 'X' || !target || event.dur === undefined) continue;
    tasks.set(target, [...(tasks.get(target) ?? []), event.dur / 1e6]);
  }
  return { measure: m, tasks };
}

/** 3. The fleet: N pipelines added to a copy of the workspace, then the Nx targets as CI runs them. */
function fleet(workspace: string, count: number): void {
  const envs = JSON.parse(
    execFileSync('node', ['-r', '@data-platform/core/register', '-e', "process.stdout.write(JSON.stringify(Object.keys(require('./packages/config/src').environments)))"], { cwd: workspace, encoding: 'utf8' }),
  ) as string[];
  for (let i = 1; i <= count; i += 1) {
    const example = FLEET_EXAMPLES[(i - 1) % FLEET_EXAMPLES.length]!;
    cpSync(join(workspace, example), join(workspace, 'pipelines', `fleet-${String(i).padStart(3, '0')}`), {
      recursive: true,
      filter: (source) => !source.split('/').includes('cdktf.out'),
    });
  }
  for (const folder of stackFolders(workspace)) rmSync(join(folder, 'cdktf.out'), { recursive: true, force: true });
  const folders = stackFolders(workspace).length;
  out(`\nFleet: ${count} pipeline folders added (copies of ${FLEET_EXAMPLES.join(', ')}): ${folders} folders, ${folders * envs.length} stacks (${envs.join(', ')})`);
  out(`load average before: ${load()}`);

  const widths = [52, 8, 8, 16, 16];
  out(row(['nx run-many', 'wall s', 'cpu s', 'synth median s', 'validate med. s'], widths));
  const rows: FleetRow[] = [];
  const show = (label: string, result: ReturnType<typeof nx>, fleetRow: Pick<FleetRow, 'target' | 'environment' | 'state'>) => {
    const synth = middleOf(result.tasks.get('synth') ?? []);
    const validate = middleOf(result.tasks.get('validate') ?? []);
    const median = fleetRow.target === 'synth' ? synth : validate;
    rows.push({ ...fleetRow, seconds: result.measure.seconds, cpuSeconds: result.measure.cpuSeconds, ...(Number.isNaN(median) ? {} : { medianTaskSeconds: median }) });
    out(row([label, result.measure.seconds.toFixed(1), result.measure.cpuSeconds.toFixed(1), Number.isNaN(synth) ? '-' : synth.toFixed(2), Number.isNaN(validate) ? '-' : validate.toFixed(2)], widths));
  };
  show('-t synth (cold)', nx(workspace, ['run-many', '-t', 'synth']), { target: 'synth', state: 'cold' });
  let cold = 0;
  for (const env of envs) {
    const result = nx(workspace, ['run-many', '-t', 'validate', '-c', env]);
    cold += result.measure.seconds;
    show(`-t validate -c ${env} (cold; synth cached)`, result, { target: 'validate', environment: env, state: 'cold' });
  }
  let unchanged = 0;
  for (const env of envs) {
    const result = nx(workspace, ['run-many', '-t', 'validate', '-c', env]);
    unchanged += result.measure.seconds;
    show(`-t validate -c ${env} (unchanged: every task cached)`, result, { target: 'validate', environment: env, state: 'unchanged' });
  }
  out(`validate, every environment, cold:      ${cold.toFixed(1)} s (target ≤ ${FLEET_COLD_TARGET_SECONDS} s at 50 pipelines: ${cold <= FLEET_COLD_TARGET_SECONDS ? 'within' : 'over'})`);
  out(`validate, every environment, unchanged: ${unchanged.toFixed(1)} s (target ≤ ${FLEET_UNCHANGED_TARGET_SECONDS} s at 50 pipelines: ${unchanged <= FLEET_UNCHANGED_TARGET_SECONDS ? 'within' : 'over'})`);
  out('(per-task medians: the duration of each Nx task, from its task profile; a cached task takes milliseconds)');
  saved.fleet = { added: count, folders, stacks: folders * envs.length, rows, coldTargetSeconds: FLEET_COLD_TARGET_SECONDS, unchangedTargetSeconds: FLEET_UNCHANGED_TARGET_SECONDS };
}

/**
 * A throw-away copy of the workspace's files (tracked and untracked, without what .gitignore leaves
 * out). Its node_modules links to the real one's packages, except the workspace's own links and
 * bins, which point into the copy as npm links them.
 */
function copyWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-workspace-'));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.split('\0')) {
    if (file && existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(root, file), { recursive: true });
  }
  const from = join(ROOT, 'node_modules');
  const to = join(root, 'node_modules');
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (entry !== '.bin' && entry !== '@data-platform') {
      symlinkSync(join(from, entry), join(to, entry));
      continue;
    }
    mkdirSync(join(to, entry));
    for (const link of readdirSync(join(from, entry))) {
      const source = join(from, entry, link);
      if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), join(to, entry, link));
      else cpSync(source, join(to, entry, link));
    }
  }
  return root;
}

/** What lake_formats.py prints. */
interface LakeFormat {
  readonly format: string;
  readonly rows: number;
  readonly writeSeconds: number;
  readonly writeCpuSeconds: number;
  readonly bytes: number;
  readonly querySeconds: number;
  readonly bytesRead: number;
}

/** The workspace's Python (npx data-platform python-env), or PYTHON: it must have the runtime's dependencies and DuckDB. */
function workspacePython(): string {
  const python = process.env.PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
  if (!existsSync(python)) throw new Error(`bench: ${python} is missing; create the workspace's Python environment first (npx data-platform python-env), or set PYTHON.`);
  return python;
}

function lakeFormats(): void {
  const python = workspacePython();
  const result = spawnSync(python, ['bench/lake_formats.py', '--rows', String(LAKE_ROWS)], {
    cwd: join(ROOT, RUNTIME),
    env: { ...process.env, PYTHONPATH: join(ROOT, RUNTIME, 'src'), PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`bench: ${RUNTIME}/bench/lake_formats.py failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  const { query, formats } = JSON.parse(result.stdout) as { query: string; formats: LakeFormat[] };
  const json = formats.find((f) => f.format === 'jsonl.gz')!;
  const parquet = formats.find((f) => f.format === 'parquet')!;
  const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(2);
  out(`\nThe lake's files: ${LAKE_ROWS.toLocaleString('en')} rows of the shopify-products shape, written by the runtime (rows checked, encoded, written), then \`${query}\` in DuckDB`);
  const widths = [10, 13, 12, 10, 9, 16];
  out(row(['format', 'write wall s', 'write cpu s', 'file MB', 'query s', 'bytes read'], widths));
  for (const f of [json, parquet]) out(row([f.format, f.writeSeconds.toFixed(2), f.writeCpuSeconds.toFixed(2), mb(f.bytes), f.querySeconds.toFixed(3), f.bytesRead.toLocaleString('en')], widths));
  const ratio = (a: number, b: number) => (a / b).toFixed(a / b >= 10 ? 0 : 2);
  out(`Parquet / gzipped JSON Lines: file ${ratio(parquet.bytes, json.bytes)}, bytes read by the query ${(parquet.bytesRead / json.bytesRead).toExponential(2)} ` +
    `(JSON Lines read ${ratio(json.bytesRead, parquet.bytesRead)}x more), write CPU ${ratio(parquet.writeCpuSeconds, json.writeCpuSeconds)}.`);
}

async function main(argv: readonly string[]): Promise<void> {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure peak memory; install the "time" package.`);
  const fleetIndex = argv.indexOf('--fleet');
  const count = fleetIndex >= 0 ? Number(argv[fleetIndex + 1]) : 0;
  if (fleetIndex >= 0 && !(Number.isInteger(count) && count > 0)) {
    throw new Error(`bench: --fleet is ${JSON.stringify(argv[fleetIndex + 1] ?? null)}; expected a whole number of pipelines to add, e.g. --fleet 50.`);
  }
  const saveIndex = argv.indexOf('--save');
  const saveTo = saveIndex >= 0 ? argv[saveIndex + 1] : undefined;
  if (saveIndex >= 0 && (saveTo === undefined || saveTo.startsWith('--'))) {
    throw new Error(`bench: --save is ${JSON.stringify(saveTo ?? null)}; expected the file to write the run to, e.g. --save benchmarks/last-run.json.`);
  }
  const node = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
  const terraform = (JSON.parse(execFileSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } })) as { terraform_version: string }).terraform_version;
  out(`Benchmark: node ${node}, terraform ${terraform}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${load()}.`);
  Object.assign(saved, { date: new Date().toISOString(), node, terraform, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', runs: RUNS, loadStart: loadavg()[0]! });
  out(`wall s and cpu s (user + system of the process and its children): medians of ${RUNS} runs where repeated; peak MB: the highest max RSS.\n`);

  if (argv.includes('--lake')) {
    lakeFormats();
    out(`\nLoad average at the end: ${load()}.`);
    return;
  }
  if (argv.includes('--status')) {
    await fleetStatusBench();
    out(`\nLoad average at the end: ${load()}.`);
    return;
  }
  perFolder();
  lakeFormats();
  await fleetStatusBench();
  const workspace = copyWorkspace();
  try {
    ratios(workspace);
    if (count > 0) fleet(workspace, count);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  out(`\nLoad average at the end: ${load()}.`);
  if (saveTo !== undefined) {
    saved.loadEnd = loadavg()[0]!;
    const file = resolve(process.cwd(), saveTo);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
    out(`Saved to ${relative(process.cwd(), file)}: npm run docs writes the benchmark tables of docs/benchmarks.md from it.`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
