import { join } from 'node:path';
import type { PipelineConfig, RunMode } from '@data-platform/standard-etl';
import { generateFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { checkPipelineFolder, pipelineFolder, pipelineOwner, renderPipelineConfig } from './pipeline-folder';

/** The options of `nx g @data-platform/nx-plugin:pipeline`, as `schema.json` declares them. */
export interface PipelineGeneratorSchema {
  /** The pipeline's name: its folder under `pipelines/`, its Nx project, its stacks `<name>-<env>`. */
  readonly name: string;
  /**
   * The team that owns it, a team of `stacks/access/teams.ts`.
   * @default - the only team, when the file declares exactly one; otherwise required
   */
  readonly owner?: string;
  /**
   * `job` (one run per schedule interval; `schedule` is its older name) or `service` (always on,
   * looping every LOOP_INTERVAL seconds).
   * @default 'job'
   */
  readonly mode?: RunMode;
  /**
   * When a run starts (job mode), as EventBridge Scheduler reads it.
   * @default 'rate(1 hour)' in job mode
   */
  readonly schedule?: string;
  /**
   * CPU units of the task (1024 = 1 vCPU).
   * @default - standard-etl's default, left out of main.ts
   */
  readonly cpu?: number;
  /**
   * Memory of the task in MiB (`--memory` on the command line).
   * @default - standard-etl's default, left out of main.ts
   */
  readonly memoryMiB?: number;
}

const DEFAULT_SCHEDULE = 'rate(1 hour)';
/** Seconds between two passes of a service's loop (the service's LOOP_INTERVAL). */
const DEFAULT_LOOP_INTERVAL = '300';

/**
 * Scaffolds `pipelines/<name>`: a `main.ts` that only calls `definePipeline`, `cdktf.json`, `app/`
 * (Python entrypoint, source, transform and their pytest tests, requirements; the image is built with
 * the platform's standard Dockerfile) and a README. The configuration it writes is
 * validated first with standard-etl's own rules, in every environment, so that
 * `nx run <name>:validate` passes right after it. It never overwrites an existing folder.
 */
export async function pipelineGenerator(tree: Tree, options: PipelineGeneratorSchema): Promise<GeneratorCallback> {
  const name = String(options.name);
  const folder = pipelineFolder(name);
  const config = scaffoldedConfig(options, pipelineOwner(tree, name, options.owner));
  const environments = checkPipelineFolder(tree, name, config);

  generateFiles(tree, join(__dirname, 'files'), folder, {
    tmpl: '',
    name,
    owner: config.owner,
    mode: config.mode === 'service' ? 'service' : 'job',
    schedule: config.schedule,
    configLines: renderPipelineConfig(config),
    environments,
  });

  return () => {
    logger.info(`Scaffolded ${folder}. Next: npx nx run ${name}:validate, then write its source in ${folder}/app/source.py and its transform in ${folder}/app/transform.py, tested by npx nx run ${name}:test.`);
  };
}

/**
 * The dataset the template's Python writes (app/main.py: `records`, partitioned by hour, Parquet),
 * declared so that it is a table from the first deploy, and checked by the runtime on every write.
 */
const TEMPLATE_DATASET = {
  records: {
    description: 'One row per source item updated in the interval (replace with what one row of this pipeline is).',
    columns: {
      id: { type: 'string', nullable: false },
      updated_at: 'timestamp',
      interval_start: { type: 'timestamp', nullable: false },
      interval_end: { type: 'timestamp', nullable: false },
    },
    partitionedBy: 'hour',
    format: 'parquet',
  },
} as const;

/** What `main.ts` declares: its owner, the mode, the schedule of a job, the template's dataset, and only the sizes given. */
function scaffoldedConfig(options: PipelineGeneratorSchema, owner: string): PipelineConfig {
  const mode = options.mode === 'schedule' ? 'job' : (options.mode ?? 'job');
  return {
    owner,
    mode,
    // A schedule given in service mode is kept, so that standard-etl refuses it with its own message.
    ...(mode === 'job' || options.schedule !== undefined ? { schedule: options.schedule ?? DEFAULT_SCHEDULE } : {}),
    ...(options.cpu !== undefined ? { cpu: options.cpu } : {}),
    ...(options.memoryMiB !== undefined ? { memoryMiB: options.memoryMiB } : {}),
    datasets: TEMPLATE_DATASET,
    ...(mode === 'service' ? { variables: { LOOP_INTERVAL: DEFAULT_LOOP_INTERVAL } } : {}),
  };
}

export default pipelineGenerator;
