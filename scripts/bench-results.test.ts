import { renderBenchTables, type BenchRun } from './bench-results';

const RUN: BenchRun = {
  date: '2026-12-03T08:00:00.000Z',
  node: 'v24.22.3',
  terraform: '1.11.4',
  cpus: 2,
  cpuModel: 'test CPU',
  runs: 1,
  loadStart: 0.8,
  loadEnd: 1.25,
  folders: [{ folder: 'stacks/shared', seconds: 0.494, cpuSeconds: 0.64, megabytes: 108.4 }],
  ratios: {
    folder: 'pipelines/shopify-products',
    synth: { seconds: 0.71, cpuSeconds: 0.58, megabytes: 111 },
    rootImport: { seconds: 2.84, cpuSeconds: 2.0, megabytes: 713 },
    validate: { seconds: 4.76, cpuSeconds: 3.6, megabytes: 300 },
    bareValidate: { seconds: 2.69, cpuSeconds: 2.0, megabytes: 250 },
    synthTarget: 0.25,
    validateTarget: 2.2,
  },
  fleet: {
    added: 50,
    folders: 56,
    stacks: 112,
    coldTargetSeconds: 480,
    unchangedTargetSeconds: 20,
    rows: [
      { target: 'synth', state: 'cold', seconds: 27.2, cpuSeconds: 52.5, medianTaskSeconds: 1.33 },
      { target: 'validate', environment: 'dev', state: 'cold', seconds: 153.5, cpuSeconds: 303, medianTaskSeconds: 8.07 },
      { target: 'validate', environment: 'prod', state: 'cold', seconds: 170.2, cpuSeconds: 335.8, medianTaskSeconds: 8.96 },
      { target: 'validate', environment: 'dev', state: 'unchanged', seconds: 1.2, cpuSeconds: 1.5, medianTaskSeconds: 0.01 },
      { target: 'validate', environment: 'prod', state: 'unchanged', seconds: 1.0, cpuSeconds: 1.3 },
    ],
  },
};

describe('renderBenchTables', () => {
  test('renderBenchTables - the run, each folder, the ratios against their targets, the fleet with its totals', () => {
    expect(renderBenchTables(RUN, 'benchmarks/last-run.json')).toBe(
      [
        'One run (`BENCH_RUNS=1 npm run bench -- --fleet 50 --save benchmarks/last-run.json`) of 2026-12-03: node v24.22.3, terraform 1.11.4, 2 CPUs, load average 0.8 at the start and 1.3 at the end.',
        '',
        '| synth of a folder (every environment) | wall s | cpu s | peak MB |',
        '| --- | ---: | ---: | ---: |',
        '| `stacks/shared` | 0.49 | 0.64 | 108 |',
        '',
        '| ratio | wall | cpu | target |',
        '| --- | ---: | ---: | --- |',
        '| synth of `pipelines/shopify-products` (0.71 s) / node loading `@cdktf/provider-aws` from its root (2.84 s) | 0.25 | 0.29 | ≤ 0.25 |',
        '| `data-platform validate` of `shopify-products-dev`, cold (4.76 s) / bare `terraform validate` of it, initialized (2.69 s) | 1.77 | 1.80 | ≤ 2.2 |',
        '',
        '| fleet: 56 folders, 112 stacks (`nx run-many`) | wall s | cpu s | median task s | target |',
        '| --- | ---: | ---: | ---: | --- |',
        '| `-t synth`, cold | 27.2 | 52.5 | 1.33 | |',
        '| `-t validate -c dev`, cold (synth cached) | 153.5 | 303.0 | 8.07 | |',
        '| `-t validate -c prod`, cold (synth cached) | 170.2 | 335.8 | 8.96 | |',
        '| every environment, cold | 323.7 | 638.8 | | ≤ 480 s |',
        '| `-t validate -c dev`, nothing changed | 1.2 | 1.5 | 0.01 | |',
        '| `-t validate -c prod`, nothing changed | 1.0 | 1.3 |  | |',
        '| every environment, nothing changed | 2.2 | 2.8 | | ≤ 20 s |',
      ].join('\n'),
    );
  });

  test('renderBenchTables - a run without --fleet has no fleet table', () => {
    const { fleet: _, ...withoutFleet } = RUN;
    const tables = renderBenchTables(withoutFleet, 'run.json');
    expect(tables).not.toContain('fleet:');
    expect(tables.split('\n')[0]).toContain('`BENCH_RUNS=1 npm run bench -- --save run.json`');
  });
});
