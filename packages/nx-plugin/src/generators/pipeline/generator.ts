import { join } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { resolvePipelineConfig, type PipelineConfig, type RunMode } from '@data-platform/standard-etl';
import { generateFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { generatorErrors } from '../../errors';

/** The options of `nx g @data-platform/nx-plugin:pipeline`, as `schema.json` declares them. */
export interface PipelineGeneratorSchema {
  /** The pipeline's name: its folder under `pipelines/`, its Nx project, its stacks `<name>-<env>`. */
  readonly name: string;
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
  const folder = `pipelines/${name}`;
  const config = scaffoldedConfig(options);

  const environments = loadEnvironments();
  for (const environment of environments.values()) {
    resolvePipelineConfig({ name, environment, config, knownEnvironments: [...environments.keys()], path: folder });
  }
  if (tree.exists(folder)) throw generatorErrors.folderExists(name, folder);
  if (tree.exists(`stacks/${name}`)) throw generatorErrors.nameTaken(name, `stacks/${name}`);

  generateFiles(tree, join(__dirname, 'files'), folder, {
    tmpl: '',
    name,
    mode: config.mode === 'service' ? 'service' : 'job',
    schedule: config.schedule,
    configLines: renderConfig(config),
    environments: [...environments.keys()],
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

/** What `main.ts` declares: the mode, the schedule of a job, the template's dataset, and only the sizes given. */
function scaffoldedConfig(options: PipelineGeneratorSchema): PipelineConfig {
  const mode = options.mode === 'schedule' ? 'job' : (options.mode ?? 'job');
  return {
    mode,
    // A schedule given in service mode is kept, so that standard-etl refuses it with its own message.
    ...(mode === 'job' || options.schedule !== undefined ? { schedule: options.schedule ?? DEFAULT_SCHEDULE } : {}),
    ...(options.cpu !== undefined ? { cpu: options.cpu } : {}),
    ...(options.memoryMiB !== undefined ? { memoryMiB: options.memoryMiB } : {}),
    ...(mode === 'service' ? { variables: { LOOP_INTERVAL: DEFAULT_LOOP_INTERVAL } } : {}),
    datasets: TEMPLATE_DATASET,
  };
}

/** The object literal's lines, in the order and style of the example pipelines. */
function renderConfig(config: PipelineConfig): string[] {
  const lines = [`mode: ${quote(config.mode)},`];
  if (config.schedule !== undefined) lines.push(`schedule: ${quote(config.schedule)},`);
  if (config.cpu !== undefined) lines.push(`cpu: ${config.cpu},`);
  if (config.memoryMiB !== undefined) lines.push(`memoryMiB: ${config.memoryMiB},`);
  for (const [dataset, spec] of Object.entries(config.datasets ?? {})) {
    lines.push('datasets: {', `  ${dataset}: {`, `    description: ${quote(spec.description)},`, '    columns: {');
    for (const [column, type] of Object.entries(spec.columns)) {
      lines.push(typeof type === 'string' || type.nullable !== false
        ? `      ${column}: ${quote(typeof type === 'string' ? type : type.type)},`
        : `      ${column}: { type: ${quote(type.type)}, nullable: false },`);
    }
    lines.push('    },', `    partitionedBy: ${quote(spec.partitionedBy)},`, `    format: ${quote(spec.format)},`, '  },', '},');
  }
  if (config.variables !== undefined) {
    lines.push('variables: {');
    for (const [key, value] of Object.entries(config.variables)) lines.push(`  ${key}: ${quote(value)},`);
    lines.push('},');
  }
  return lines;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export default pipelineGenerator;
