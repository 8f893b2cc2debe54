import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { resolvePipelineConfig, type PipelineConfig } from '@data-platform/standard-etl';
import type { Tree } from '@nx/devkit';
import { generatorErrors } from '../../errors';
import { declaredTeams, TEAMS_FILE } from './declared-teams';

/**
 * What every generator that writes a pipeline folder shares: standard-etl's own validation in
 * every environment, the refusal to overwrite, `cdktf.json`, and `main.ts`'s object literal.
 */

/**
 * The owner of a new pipeline: the one given, if `stacks/access/teams.ts` declares that team; the
 * only team, when there is exactly one; refused otherwise, listing the teams.
 */
export function pipelineOwner(tree: Tree, pipeline: string, given: string | undefined): string {
  const teams = declaredTeams(tree, pipeline) ?? [];
  if (given !== undefined) {
    if (!teams.includes(given)) throw generatorErrors.unknownOwner(pipeline, given, teams);
    return given;
  }
  if (teams.length === 1) return teams[0]!;
  throw teams.length === 0 ? generatorErrors.noTeams(pipeline, TEAMS_FILE) : generatorErrors.ownerRequired(pipeline, teams);
}

/** The folder of a pipeline, from its name. */
export function pipelineFolder(name: string): string {
  return `pipelines/${name}`;
}

/**
 * Checks a pipeline before anything is written: its name and configuration with standard-etl's own
 * rules in every environment (so `validate` passes right after), and that neither its folder nor a
 * stack of that name exists. Returns the environments' names. Throws StandardEtlError or GeneratorError.
 */
export function checkPipelineFolder(tree: Tree, name: string, config: PipelineConfig): string[] {
  const folder = pipelineFolder(name);
  const environments = loadEnvironments();
  for (const environment of environments.values()) {
    resolvePipelineConfig({ name, environment, config, knownEnvironments: [...environments.keys()], path: folder });
  }
  if (tree.exists(folder)) throw generatorErrors.folderExists(name, folder);
  if (tree.exists(`stacks/${name}`)) throw generatorErrors.nameTaken(name, `stacks/${name}`);
  return [...environments.keys()];
}

/** Every pipeline folder's `cdktf.json`, the same in all of them (the pipeline generator's template). */
export function writeCdktfJson(tree: Tree, folder: string): void {
  tree.write(`${folder}/cdktf.json`, readFileSync(join(__dirname, 'files', 'cdktf.json__tmpl__'), 'utf8'));
}

/** The widest line `main.ts` gets before an object is written over several lines (as a formatter would). */
const MAX_LINE = 100;

/**
 * The lines of `definePipeline`'s object literal, in the style of the example pipelines: one field
 * a line; an object on one line when it fits (`variables: { A: 'x' },`), else over several lines,
 * indented by two spaces; strings in single quotes; trailing commas. Fields appear in the order of
 * the object. Lines are relative to the literal's own indentation (two spaces in `main.ts`).
 */
export function renderPipelineConfig(config: PipelineConfig): string[] {
  return Object.entries(config).flatMap(([key, value]) => renderField(key, value, 2));
}

function renderField(key: string, value: unknown, indent: number): string[] {
  const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : quote(key);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const oneLine = `${name}: ${renderInline(value)},`;
    if (indent + oneLine.length <= MAX_LINE) return [oneLine];
    const inner = Object.entries(value).flatMap(([k, v]) => renderField(k, v, indent + 2).map((line) => `  ${line}`));
    return [`${name}: {`, ...inner, '},'];
  }
  return [`${name}: ${renderValue(value)},`];
}

function renderInline(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const fields = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : quote(k)}: ${renderInline(v)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return renderValue(value);
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(renderInline).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`renderPipelineConfig: cannot write ${JSON.stringify(value)} in main.ts`);
}

export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
