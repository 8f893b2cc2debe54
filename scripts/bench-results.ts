/**
 * One run of `npm run bench`, as `--save <file>` writes it (JSON), and the Markdown tables the
 * docs quote from it (`npm run docs`, between `<!-- generated:bench -->` markers).
 */

/** Wall time, CPU time (user + system, children included) and peak memory of one measure. */
export interface BenchMeasure {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly megabytes: number;
}

/** One `nx run-many` of the fleet: what it ran, and its median Nx task. */
export interface FleetRow {
  readonly target: 'synth' | 'validate';
  /** The environment validated; none for synth (every environment at once). */
  readonly environment?: string;
  /** `cold`: nothing cached (synth cached for validate); `unchanged`: run again with nothing changed. */
  readonly state: 'cold' | 'unchanged';
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** The median duration of the run's tasks of that target, from Nx's task profile. */
  readonly medianTaskSeconds?: number;
}

export interface BenchRun {
  /** When it ran (ISO 8601, UTC). */
  readonly date: string;
  readonly node: string;
  readonly terraform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  /** How many times the single measures were repeated (their medians are kept). */
  readonly runs: number;
  /** The 1-minute load average at the start and at the end. */
  readonly loadStart: number;
  readonly loadEnd: number;
  /** Each stack folder's synth, as its cdktf.json runs it. */
  readonly folders: ReadonlyArray<{ readonly folder: string } & BenchMeasure>;
  readonly ratios: {
    readonly folder: string;
    readonly synth: BenchMeasure;
    readonly rootImport: BenchMeasure;
    readonly validate: BenchMeasure;
    readonly bareValidate: BenchMeasure;
    readonly synthTarget: number;
    readonly validateTarget: number;
  };
  /** `fleet:status` of many pipelines against the loopback endpoint, when it ran. */
  readonly status?: {
    readonly pipelines: number;
    readonly intervals: number;
    readonly records: number;
    readonly queries: number;
    readonly seconds: number;
    readonly cpuSeconds: number;
    readonly megabytes: number;
    readonly pageBytes: number;
    readonly targetSeconds: number;
  };
  readonly fleet?: {
    readonly added: number;
    readonly folders: number;
    readonly stacks: number;
    readonly rows: readonly FleetRow[];
    readonly coldTargetSeconds: number;
    readonly unchangedTargetSeconds: number;
  };
}

const f2 = (n: number) => n.toFixed(2);
const f1 = (n: number) => n.toFixed(1);

/** The benchmark tables of one saved run: synth per folder, the two ratios, and the fleet when it ran. */
export function renderBenchTables(run: BenchRun, file: string): string {
  const lines = [
    `One run (\`BENCH_RUNS=${run.runs} npm run bench -- ${run.fleet ? `--fleet ${run.fleet.added} ` : ''}--save ${file}\`) of ${run.date.slice(0, 10)}: node ${run.node}, terraform ${run.terraform}, ${run.cpus} CPUs, load average ${f1(run.loadStart)} at the start and ${f1(run.loadEnd)} at the end.`,
    '',
    '| synth of a folder (every environment) | wall s | cpu s | peak MB |',
    '| --- | ---: | ---: | ---: |',
    ...run.folders.map((f) => `| \`${f.folder}\` | ${f2(f.seconds)} | ${f2(f.cpuSeconds)} | ${f.megabytes.toFixed(0)} |`),
    '',
    '| ratio | wall | cpu | target |',
    '| --- | ---: | ---: | --- |',
  ];
  const { ratios } = run;
  const name = ratios.folder.split('/').pop()!;
  lines.push(
    `| synth of \`${ratios.folder}\` (${f2(ratios.synth.seconds)} s) / node loading \`@cdktf/provider-aws\` from its root (${f2(ratios.rootImport.seconds)} s) | ${f2(ratios.synth.seconds / ratios.rootImport.seconds)} | ${f2(ratios.synth.cpuSeconds / ratios.rootImport.cpuSeconds)} | ≤ ${ratios.synthTarget} |`,
    `| \`data-platform validate\` of \`${name}-dev\`, cold (${f2(ratios.validate.seconds)} s) / bare \`terraform validate\` of it, initialized (${f2(ratios.bareValidate.seconds)} s) | ${f2(ratios.validate.seconds / ratios.bareValidate.seconds)} | ${f2(ratios.validate.cpuSeconds / ratios.bareValidate.cpuSeconds)} | ≤ ${ratios.validateTarget} |`,
  );
  if (run.fleet) {
    const { fleet } = run;
    lines.push('', `| fleet: ${fleet.folders} folders, ${fleet.stacks} stacks (\`nx run-many\`) | wall s | cpu s | median task s | target |`, '| --- | ---: | ---: | ---: | --- |');
    const total = (state: FleetRow['state']) => fleet.rows.filter((r) => r.target === 'validate' && r.state === state);
    for (const state of ['cold', 'unchanged'] as const) {
      if (state === 'cold') {
        for (const row of fleet.rows.filter((r) => r.target === 'synth')) lines.push(`| \`-t synth\`, cold | ${f1(row.seconds)} | ${f1(row.cpuSeconds)} | ${row.medianTaskSeconds === undefined ? '' : f2(row.medianTaskSeconds)} | |`);
      }
      for (const row of total(state)) {
        const label = state === 'cold' ? 'cold (synth cached)' : 'nothing changed';
        lines.push(`| \`-t validate -c ${row.environment}\`, ${label} | ${f1(row.seconds)} | ${f1(row.cpuSeconds)} | ${row.medianTaskSeconds === undefined ? '' : f2(row.medianTaskSeconds)} | |`);
      }
      const rows = total(state);
      const seconds = rows.reduce((sum, r) => sum + r.seconds, 0);
      const cpu = rows.reduce((sum, r) => sum + r.cpuSeconds, 0);
      const target = state === 'cold' ? fleet.coldTargetSeconds : fleet.unchangedTargetSeconds;
      lines.push(`| every environment, ${state === 'cold' ? 'cold' : 'nothing changed'} | ${f1(seconds)} | ${f1(cpu)} | | ≤ ${target} s${fleet.added === 50 ? '' : ' at 50 pipelines'} |`);
    }
  }
  return lines.join('\n');
}
