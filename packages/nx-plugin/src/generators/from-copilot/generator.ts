import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { generateFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { fromCopilotErrors as errors } from '../../errors';
import { checkPipelineFolder, pipelineFolder, pipelineOwner, renderPipelineConfig, writeCdktfJson } from '../pipeline/pipeline-folder';
import { translateCopilotManifest, type CopilotTranslation } from './copilot-translation';

/** The options of `nx g @data-platform/nx-plugin:from-copilot`, as `schema.json` declares them. */
export interface FromCopilotGeneratorSchema {
  /** The path of the Copilot workload's manifest (`copilot/<name>/manifest.yml`). */
  readonly manifest: string;
  /**
   * The pipeline's name: its folder under `pipelines/`.
   * @default - the manifest's `name`
   */
  readonly name?: string;
  /**
   * An EventBridge schedule (`rate(...)`, `cron(...)`) for every environment, instead of the
   * manifest's `on.schedule` (required when that is `none`).
   * @default - the manifest's schedules, translated
   */
  readonly schedule?: string;
  /**
   * The team of `stacks/access/teams.ts` that owns the pipeline (its alerts go to that team).
   * @default - the only team, when `teams.ts` declares exactly one; otherwise required
   */
  readonly owner?: string;
}

/** Folders never copied from a build context: version control, dependencies, Copilot's own files. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'copilot']);

/**
 * Writes `pipelines/<name>` from an AWS Copilot Scheduled Job, Backend Service or Worker Service
 * manifest: `main.ts` (the manifest translated, checked with standard-etl's own rules in every
 * environment before anything is written), `cdktf.json`, `app/` (the image's build context and
 * Dockerfile) and a README listing what was carried over and what was not; the same list ends the
 * generator's output.
 */
export async function fromCopilotGenerator(tree: Tree, options: FromCopilotGeneratorSchema): Promise<GeneratorCallback> {
  const manifestPath = resolve(process.cwd(), String(options.manifest));
  const shown = String(options.manifest);
  if (!existsSync(manifestPath) || !statSync(manifestPath).isFile()) throw errors.manifestMissing(shown);
  let document: unknown;
  try {
    document = parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw errors.manifestUnreadable(shown, (error as Error).message.split('\n')[0]!);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw errors.manifestUnreadable(shown, 'it is not a mapping of fields');

  const workspace = copilotWorkspace(manifestPath);
  const given = options.name ?? (document as { name?: unknown }).name;
  if (typeof given !== 'string' || given.length === 0) throw errors.noName(shown);
  const name = given;
  const translation = translateCopilotManifest({
    manifest: shown,
    document: document as Record<string, unknown>,
    name,
    owner: pipelineOwner(tree, name, options.owner),
    ...(workspace.application ? { application: workspace.application } : {}),
    ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
  });
  const carried = [...translation.carried];
  if (name !== (document as { name?: unknown }).name) carried.unshift({ from: `name: ${JSON.stringify((document as { name?: unknown }).name)}`, to: `the folder pipelines/${name} (--name)` });
  else carried.unshift({ from: `name: ${name}`, to: `the folder pipelines/${name}` });
  const notCarried = [...translation.notCarried];
  if (workspace.note) notCarried.push({ field: '(workspace)', why: workspace.note });

  const folder = pipelineFolder(name);
  checkPipelineFolder(tree, name, translation.config);

  let copied = 0;
  if (translation.build) {
    copied = copyBuildContext(tree, shown, workspace.root, translation.build, `${folder}/app`, carried, envFiles(document as Record<string, unknown>));
  }
  writeCdktfJson(tree, folder);
  generateFiles(tree, join(__dirname, 'files'), folder, {
    tmpl: '',
    name,
    type: translation.type,
    manifest: relative(workspace.root, manifestPath),
    mode: translation.config.mode,
    configLines: renderPipelineConfig(translation.config),
    carried,
    notCarried,
    hasSecrets: hasSecrets(translation),
    hasApp: translation.build !== undefined,
    cell: (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' '),
  });

  return () => {
    logger.info(`Imported ${shown} (${translation.type}) into ${folder}${translation.build ? `, with ${copied} files of its build context in ${folder}/app` : ''}.`);
    for (const row of carried) logger.info(`  ${row.from} -> ${row.to}${row.note ? ` (${row.note})` : ''}`);
    if (notCarried.length > 0) {
      logger.info(`Not carried over (${notCarried.length}; also listed in ${folder}/README.md):`);
      for (const row of notCarried) logger.info(`  - ${row.field}: ${row.why}`);
    }
    logger.info(`Next: npx nx run ${name}:validate`);
  };
}

/**
 * The Copilot workspace of a manifest: the folder holding `copilot/` (paths of `image.build` are
 * relative to it) and the application's name from `copilot/.workspace`. A manifest outside a
 * `copilot/` folder has its own folder as the workspace, which the list of what was not carried says.
 */
function copilotWorkspace(manifestPath: string): { root: string; application?: string; note?: string } {
  for (let dir = dirname(manifestPath); dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dir) !== 'copilot') continue;
    const summary = join(dir, '.workspace');
    let application: string | undefined;
    if (existsSync(summary)) {
      const parsed = parse(readFileSync(summary, 'utf8')) as { application?: unknown } | null;
      if (typeof parsed?.application === 'string') application = parsed.application;
    }
    return { root: dirname(dir), ...(application ? { application } : {}) };
  }
  return { root: dirname(manifestPath), note: 'the manifest is not under a copilot/ folder: paths of image.build were read from its own folder' };
}

/** Copies the build context into `app/` and the Dockerfile to `app/Dockerfile`; returns how many files. */
function copyBuildContext(
  tree: Tree,
  manifest: string,
  root: string,
  build: NonNullable<CopilotTranslation['build']>,
  app: string,
  carried: Array<CopilotTranslation['carried'][number]>,
  leftOut: readonly string[],
): number {
  const context = resolve(root, build.context);
  const dockerfile = resolve(root, build.dockerfile);
  if (!existsSync(context) || !statSync(context).isDirectory()) throw errors.buildMissing(manifest, 'image.build', build.context);
  if (!existsSync(dockerfile)) throw errors.buildMissing(manifest, 'image.build', build.dockerfile);
  // env_file holds the environment's values: never copied (the list of what was not carried says so).
  const envFilesInContext = leftOut.map((file) => relative(context, resolve(root, file)).split('\\').join('/'));
  const files = contextFiles(context).filter((file) => !NOT_COPIED.has(file.split('/')[0]!) && !envFilesInContext.includes(file));
  for (const file of files) tree.write(`${app}/${file}`, readFileSync(join(context, file)));
  const inContext = relative(context, dockerfile).split('\\').join('/');
  if (inContext !== 'Dockerfile') {
    if (files.includes('Dockerfile')) carried.push({ from: `${build.context}/Dockerfile`, to: `app/Dockerfile`, note: `replaced by ${build.dockerfile}, the Dockerfile the manifest builds` });
    tree.write(`${app}/Dockerfile`, readFileSync(dockerfile));
  }
  return files.length;
}

/**
 * The files of a build context: what git tracks or would (so ignored files, such as local `.env`
 * files, stay behind), or every file when the context is not in a git work tree.
 */
function contextFiles(context: string): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: context, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return listed.split('\0').filter((file) => file && existsSync(join(context, file)) && statSync(join(context, file)).isFile());
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return NOT_COPIED.has(entry.name) ? [] : walk(path);
        return entry.isFile() ? [relative(context, path).split('\\').join('/')] : [];
      });
    return walk(context);
  }
}

/** The `env_file` of the manifest and of each environment, relative to the Copilot workspace. */
function envFiles(document: Record<string, unknown>): string[] {
  const sections = [document, ...Object.values((document.environments ?? {}) as Record<string, unknown>)];
  return sections.flatMap((section) => {
    const file = (section as { env_file?: unknown } | null)?.env_file;
    return typeof file === 'string' ? [file] : [];
  });
}

function hasSecrets(translation: CopilotTranslation): boolean {
  const { config } = translation;
  return Object.keys(config.secrets ?? {}).length > 0 || Object.values(config.overrides ?? {}).some((o) => Object.keys(o.secrets ?? {}).length > 0);
}

export default fromCopilotGenerator;
