import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What one stack folder declares, written by its synth next to its stacks
 * (`<folder>/cdktf.out/fleet-manifest.json`), so that workspace-level checks (the pipeline graph, who
 * writes a prefix, which datasets exist, what a change costs) read every folder's declaration
 * without running or importing another folder's code.
 */

/**
 * The file every synth writes into its output folder, beside cdktf's own `manifest.json` (which
 * `cdktf synth` and `cdktf plan` read, so it must stay cdktf's).
 */
export const MANIFEST_FILE = 'fleet-manifest.json';

/** Bumped when a field changes meaning; readers refuse a version they do not know. */
export const MANIFEST_VERSION = 1;

/** One column of a dataset: its Athena type, whether it holds personal data, its comment, whether it may be null. */
export interface DatasetColumnManifest {
  readonly type: string;
  readonly pii: boolean;
  readonly description?: string;
  /** Present (false) only when the column is declared non-null. */
  readonly nullable?: false;
}

/**
 * One data check of a dataset, as resolved: it measures one number on a run's partition and passes
 * when `min <= value <= max` (an absent bound is open).
 */
export interface DatasetCheckManifest {
  /** `rowCount`, `notNull(<column>)`, `unique(<a>, <b>)`, `acceptedValues(<column>)`, `sql(<name>)`. */
  readonly id: string;
  readonly kind: 'rowCount' | 'notNull' | 'unique' | 'acceptedValues' | 'sql';
  /** A failing blocking check fails the run; a warning (warnOnly) alerts only. */
  readonly blocking: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly columns?: readonly string[];
  readonly values?: ReadonlyArray<string | number>;
  /** The query of a `sql` check, `{{partition}}` in it. */
  readonly query?: string;
}

/** A dataset a pipeline writes, as declared (the same in every environment). */
export interface DatasetManifest {
  readonly description: string;
  /** Columns by name, in declaration order. */
  readonly columns: Readonly<Record<string, DatasetColumnManifest>>;
  readonly partitionedBy: 'day' | 'hour';
  readonly format: 'jsonl' | 'jsonl.gz' | 'parquet';
  /** Its lake prefix, `<pipeline>/<dataset>/`. */
  readonly prefix: string;
  /** Its Glue table, `<pipeline with "-" as "_">_<dataset>`. */
  readonly table: string;
  /** Its data checks, in the order they run (absent from manifests written before checks existed). */
  readonly checks?: readonly DatasetCheckManifest[];
}

/** One egress rule a pipeline declares: a TCP port to one destination, and why. */
export interface EgressManifest {
  readonly port: number;
  /** A CIDR block, a managed prefix list id (`pl-...`) or a security group id (`sg-...`). */
  readonly to: string;
  readonly reason: string;
  /** Why a public address is reached, when it is one. */
  readonly publicReason?: string;
}

/** One pipeline, as resolved in one environment. */
export interface PipelineEnvironmentManifest {
  /** The stack, `<pipeline>-<env>`. */
  readonly stack: string;
  /** The team of `stacks/access/teams.ts` that owns it, whose destination its alerts go to. */
  readonly owner: string;
  /** Egress beyond HTTPS, on a security group of its own (empty for none). */
  readonly egress: readonly EgressManifest[];
  /** `service` (always on) or `job` (runs to completion). */
  readonly mode: 'service' | 'job';
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly architecture: 'ARM64' | 'X86_64';
  /** Tasks kept running (service mode; 0 for a job). */
  readonly desiredCount: number;
  /** When a job runs on a clock. */
  readonly schedule?: { readonly expression: string; readonly timezone: string };
  /** Retries of a failed run (jobs; 0 for a service). */
  readonly retries: number;
  /** The longest one attempt may run (jobs; 0 for a service). */
  readonly maxRuntimeMinutes: number;
  readonly logRetentionDays: number;
  /** Data-lake prefixes read and written (each ends with "/"). */
  readonly lake: { readonly read: readonly string[]; readonly write: readonly string[] };
  /** What the cost estimate reads. How long one run usually takes (jobs), when declared. */
  readonly expectedRuntimeMinutes?: number;
  /** Runs a month to expect (jobs), when declared: for a job that does not run on a clock. */
  readonly expectedRunsPerMonth?: number;
  /** GB of logs a month, when declared. */
  readonly expectedLogGBPerMonth?: number;
  /** Runs in an average month of the job's own schedule, when it has one. */
  readonly scheduledRunsPerMonth?: number;
  /** State transitions of one successful run, over the stack's standard state machines. */
  readonly standardTransitionsPerRun?: number;
  /** Upstream pipelines a job runs after, sorted (empty for none and for a service). */
  readonly after: readonly string[];
  /** Lake prefixes whose new objects start a job, and its quiet window. */
  readonly onData?: { readonly prefixes: readonly string[]; readonly quietMinutes: number };
  /** Runs active at once (1 for a service). */
  readonly concurrency: number;
  /** The freshness alarm's window, when set. */
  readonly freshWithinHours?: number;
  /**
   * What the freshness alarm watches (jobs): it fires when no run has succeeded for `withinSeconds`
   * (`freshWithinHours`, or `missedRunPeriods` periods of the schedule); `fleet:status` says fresh or
   * late against it. Absent: no promise (a service; `missedRunPeriods: 0`; a manifest written earlier).
   */
  readonly freshness?: { readonly withinSeconds: number; readonly what: string };
  /** First attempt on Fargate Spot (jobs; false for a service). */
  readonly spot: boolean;
  /** The datasets it writes, by name. */
  readonly datasets: Readonly<Record<string, DatasetManifest>>;
  /** Datasets of other pipelines it reads, as `<pipeline>.<dataset>`. */
  readonly readsDatasets: readonly string[];
}

/** What a pipeline folder declares: one entry per environment. */
export interface PipelineManifest {
  readonly kind: 'pipeline';
  readonly version: typeof MANIFEST_VERSION;
  /** The pipeline's name: its folder's. */
  readonly name: string;
  readonly environments: Readonly<Record<string, PipelineEnvironmentManifest>>;
}

/** One team's read grant on one dataset, in one environment. */
export interface AccessGrantManifest {
  /** `<pipeline>.<dataset>`. */
  readonly dataset: string;
  /** Why the team reads it. */
  readonly reason: string;
  /** Whether the dataset has a column marked pii. */
  readonly pii: boolean;
  /** Who approved reading personal data, when it has any. */
  readonly piiApprovedBy?: string;
}

/** One team of the access stack, in one environment. */
export interface AccessTeamManifest {
  readonly owner: string;
  /** The read-only role the team assumes. */
  readonly role: string;
  /** Who may assume it. */
  readonly principals: readonly string[];
  readonly grants: readonly AccessGrantManifest[];
}

/** One team as the owner of pipelines, in one environment: where their alerts go. */
export interface TeamOwnershipManifest {
  /** Who answers for the team. */
  readonly owner: string;
  /** The team's own alerts topic, when it has a destination there; without one, its pipelines alert the shared topic. */
  readonly alertsTopic?: string;
  /** The address subscribed to that topic, if any. */
  readonly email?: string;
  /** The Slack channel of that topic, if any. */
  readonly slackChannelId?: string;
  /** The pipelines whose `owner` it is, sorted. */
  readonly pipelines: readonly string[];
}

/** The access stack's declaration in one environment. */
export interface AccessEnvironmentManifest {
  readonly stack: string;
  /** The teams with a read role there (principals in that environment), and their grants. */
  readonly teams: Readonly<Record<string, AccessTeamManifest>>;
  /** Every team of teams.ts, as the owner of pipelines (missing from manifests written before owners existed). */
  readonly owners?: Readonly<Record<string, TeamOwnershipManifest>>;
}

/** What the access stack declares: the teams, their grants and their alert destinations, per environment. */
export interface AccessManifest {
  readonly kind: 'access';
  readonly version: typeof MANIFEST_VERSION;
  /** The stack folder's name, `access`. */
  readonly name: string;
  readonly environments: Readonly<Record<string, AccessEnvironmentManifest>>;
}

/** Every kind of manifest; a stack folder that declares nothing for the fleet writes none. */
export type Manifest = PipelineManifest | AccessManifest;

/** Writes a folder's manifest into its synth output folder (`cdktf.out`). */
export function writeManifest(outdir: string, manifest: Manifest): void {
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A manifest that cannot be read: its file and why. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Reads one manifest file; undefined when it does not exist. */
export function readManifestFile(file: string): Manifest | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${file} is not valid JSON (${(error as Error).message}); synthesize its folder again.`);
  }
  const manifest = parsed as Partial<Manifest>;
  if (manifest.version !== MANIFEST_VERSION) {
    throw new ManifestError(`${file} has manifest version ${JSON.stringify(manifest.version)}; this workspace reads version ${MANIFEST_VERSION}. Synthesize its folder again.`);
  }
  return manifest as Manifest;
}

/** The manifest a folder's last synth wrote (`<folder>/cdktf.out/fleet-manifest.json`), if any. */
export function readFolderManifest(folder: string): Manifest | undefined {
  return readManifestFile(join(folder, 'cdktf.out', MANIFEST_FILE));
}

/** Where a workspace keeps its stack folders. */
export const STACK_FOLDER_ROOTS = ['pipelines', 'stacks'] as const;

/**
 * Every manifest of a workspace, from each `pipelines/*` and `stacks/*` folder holding a
 * `cdktf.json`, with the folders that have none yet (never synthesized).
 */
export function readWorkspaceManifests(workspaceRoot: string): { readonly manifests: readonly Manifest[]; readonly unsynthesized: readonly string[] } {
  const manifests: Manifest[] = [];
  const unsynthesized: string[] = [];
  for (const root of STACK_FOLDER_ROOTS) {
    const dir = join(workspaceRoot, root);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const folder = join(dir, name);
      if (!existsSync(join(folder, 'cdktf.json'))) continue;
      const manifest = readFolderManifest(folder);
      if (manifest) manifests.push(manifest);
      else if (root === 'pipelines') unsynthesized.push(`${root}/${name}`);
    }
  }
  return { manifests, unsynthesized };
}
