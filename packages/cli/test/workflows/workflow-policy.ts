/**
 * The security rules every workflow in .github/workflows must follow, as pure functions from a
 * workflow's text to the list of what breaks them (empty when it complies). The tests run them on
 * the real workflows and on broken ones, so that a rule that cannot fail is caught too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
export const WORKFLOWS_DIR = join(WORKSPACE_ROOT, '.github', 'workflows');

/** The parts of a workflow the rules read. */
export interface Workflow {
  readonly name?: string;
  readonly on?: unknown;
  readonly permissions?: unknown;
  readonly env?: Readonly<Record<string, string>>;
  readonly concurrency?: unknown;
  readonly jobs: Readonly<Record<string, Job>>;
}

export interface Job {
  readonly name?: string;
  readonly needs?: string | readonly string[];
  readonly if?: string;
  readonly permissions?: unknown;
  readonly environment?: unknown;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress'?: boolean };
  readonly strategy?: { readonly matrix?: unknown; readonly 'fail-fast'?: boolean };
  readonly env?: Readonly<Record<string, string>>;
  readonly outputs?: Readonly<Record<string, string>>;
  /** A job that calls a reusable workflow. */
  readonly uses?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly steps?: readonly Step[];
}

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly 'working-directory'?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
}

/** Every workflow file of the repository, by file name. */
export function readWorkflows(dir: string = WORKFLOWS_DIR): ReadonlyMap<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((file) => /\.ya?ml$/.test(file))
      .sort()
      .map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
  );
}

export function parseWorkflow(text: string): Workflow {
  return parse(text) as Workflow;
}

/** The trigger names of a workflow, whichever of the three spellings `on:` uses. */
export function triggers(workflow: Workflow): readonly string[] {
  const on = workflow.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === 'object' ? Object.keys(on) : [];
}

/** Schema errors from @action-validator/core (the SchemaStore schema of GitHub workflows). */
export function schemaErrors(text: string): readonly string[] {
  const state = validateWorkflow(text);
  return state.errors.map((error) => `${'path' in error ? `${error.path}: ` : ''}${error.title}${error.detail ? ` (${error.detail})` : ''}`);
}

/** `pull_request_target` runs a pull request's workflow with the base repository's secrets: never. */
export function pullRequestTargetViolations(text: string): readonly string[] {
  return triggers(parseWorkflow(text)).includes('pull_request_target')
    ? ['triggered by pull_request_target, which hands secrets and a write token to code from any fork']
    : [];
}

/** Long-lived AWS keys have no place in a workflow: roles are assumed through OIDC. */
export function storedKeyViolations(text: string): readonly string[] {
  const patterns: ReadonlyArray<readonly [RegExp, string]> = [
    [/aws-access-key-id/i, 'passes aws-access-key-id'],
    [/aws-secret-access-key/i, 'passes aws-secret-access-key'],
    [/aws-session-token/i, 'passes aws-session-token'],
    [/AWS_ACCESS_KEY_ID/, 'names AWS_ACCESS_KEY_ID'],
    [/AWS_SECRET_ACCESS_KEY/, 'names AWS_SECRET_ACCESS_KEY'],
    [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'holds an AWS access key id'],
  ];
  return patterns.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
}

/** The workflow grants nothing by default: `permissions: {}` at the top, each job adds its own. */
export function defaultPermissionViolations(text: string): readonly string[] {
  const workflow = parseWorkflow(text);
  const violations: string[] = [];
  const top = workflow.permissions;
  if (top === undefined) violations.push('no top-level permissions: the token gets the repository default (often write-all)');
  else if (typeof top !== 'object' || top === null || Object.keys(top).length > 0) {
    violations.push(`top-level permissions are ${JSON.stringify(top)}, expected {}`);
  }
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (typeof job.permissions === 'string') violations.push(`job ${id}: permissions "${job.permissions}"; list each scope it needs`);
  }
  return violations;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
const FULL_SEMVER = /^v?\d+\.\d+\.\d+$/;
const USES_LINE = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?\s*(?:#\s*(.*))?$/;

/**
 * Every action and reusable workflow is pinned: a local path, a 40-hex commit with the release it
 * is (`# v1.2.3`), or a full version `@v1.2.3`. A branch or a major tag (`@v4`, `@main`) can be
 * moved under us.
 */
export function pinViolations(text: string): readonly string[] {
  const violations: string[] = [];
  for (const line of text.split('\n')) {
    const match = USES_LINE.exec(line);
    if (!match) continue;
    const [, reference, comment] = match;
    if (reference.startsWith('./')) continue;
    if (reference.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(reference)) violations.push(`${reference}: a container action must be pinned by digest`);
      continue;
    }
    const at = reference.lastIndexOf('@');
    const ref = at < 0 ? '' : reference.slice(at + 1);
    if (FULL_SHA.test(ref)) {
      if (!comment || !/^v\d+\.\d+\.\d+\b/.test(comment.trim())) {
        violations.push(`${reference}: pinned to a commit without the release it is (add "# vX.Y.Z")`);
      }
    } else if (!FULL_SEMVER.test(ref)) {
      violations.push(`${reference}: not pinned to a full commit SHA or a full version`);
    }
  }
  return violations;
}

const CONFIGURE_AWS = 'aws-actions/configure-aws-credentials@';

function grantsIdToken(job: Job): boolean {
  const permissions = job.permissions;
  return permissions === 'write-all' || (typeof permissions === 'object' && permissions !== null && (permissions as Record<string, unknown>)['id-token'] === 'write');
}

/** Finds the text of a local reusable workflow (`./.github/workflows/x.yml`). */
export type WorkflowResolver = (path: string) => string | undefined;

export const localWorkflows: WorkflowResolver = (path) => {
  const file = join(WORKSPACE_ROOT, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

/**
 * OIDC only where a role is assumed: a job granted `id-token: write` either assumes a role with
 * aws-actions/configure-aws-credentials and `role-to-assume`, or calls a local reusable workflow
 * whose jobs do; and every use of configure-aws-credentials assumes a role in such a job.
 */
export function oidcViolations(text: string, resolve: WorkflowResolver = localWorkflows, seen: readonly string[] = []): readonly string[] {
  const workflow = parseWorkflow(text);
  const violations: string[] = [];
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    const credentialSteps = (job.steps ?? []).filter((step) => step.uses?.startsWith(CONFIGURE_AWS));
    for (const step of credentialSteps) {
      if (!step.with?.['role-to-assume']) violations.push(`job ${id}: configure-aws-credentials without role-to-assume`);
      if (!grantsIdToken(job)) violations.push(`job ${id}: configure-aws-credentials in a job without id-token: write (it would need stored keys)`);
    }
    if (!grantsIdToken(job)) continue;
    if (job.uses !== undefined) {
      const called = job.uses.startsWith('./') && !seen.includes(job.uses) ? resolve(job.uses) : undefined;
      if (called === undefined) {
        violations.push(`job ${id}: id-token: write for ${job.uses}, which cannot be checked here`);
      } else if (!parseWorkflowAssumesRole(called)) {
        violations.push(`job ${id}: id-token: write for ${job.uses}, which assumes no role`);
      } else {
        violations.push(...oidcViolations(called, resolve, [...seen, job.uses]).map((v) => `${job.uses}: ${v}`));
      }
    } else if (credentialSteps.length === 0) {
      violations.push(`job ${id}: id-token: write but it assumes no role with configure-aws-credentials`);
    }
  }
  return violations;
}

function parseWorkflowAssumesRole(text: string): boolean {
  return Object.values(parseWorkflow(text).jobs ?? {}).some(
    (job) => grantsIdToken(job) && (job.steps ?? []).some((s) => s.uses?.startsWith(CONFIGURE_AWS) && s.with?.['role-to-assume']),
  );
}

/**
 * No expression inside a shell script: `${{ github.event.pull_request.title }}` in `run:` is pasted
 * into the script before bash reads it, so a crafted title runs as code. Values reach scripts
 * through `env:` instead, where bash sees them as data.
 */
export function scriptInjectionViolations(text: string): readonly string[] {
  const workflow = parseWorkflow(text);
  const violations: string[] = [];
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    for (const [index, step] of (job.steps ?? []).entries()) {
      if (typeof step.run === 'string' && step.run.includes('${{')) {
        violations.push(`job ${id}, step ${step.name ?? step.id ?? index}: an expression inside run; pass it through env`);
      }
    }
  }
  return violations;
}

/** Every rule at once, each violation prefixed with the rule's name. */
export function policyViolations(text: string, resolve: WorkflowResolver = localWorkflows): readonly string[] {
  return [
    ...pullRequestTargetViolations(text).map((v) => `no pull_request_target: ${v}`),
    ...storedKeyViolations(text).map((v) => `no stored AWS keys: ${v}`),
    ...defaultPermissionViolations(text).map((v) => `minimal permissions: ${v}`),
    ...pinViolations(text).map((v) => `pinned actions: ${v}`),
    ...oidcViolations(text, resolve).map((v) => `OIDC: ${v}`),
    ...scriptInjectionViolations(text).map((v) => `no expression in scripts: ${v}`),
  ];
}

/** The jobs that grant a permission scope a given level, e.g. `pull-requests` `write`. */
export function jobsGranting(workflow: Workflow, scope: string, level: string): readonly string[] {
  return Object.entries(workflow.jobs)
    .filter(([, job]) => typeof job.permissions === 'object' && job.permissions !== null && (job.permissions as Record<string, unknown>)[scope] === level)
    .map(([id]) => id);
}

/** One step of a job by its name (or id); throws naming what exists when it is missing. */
export function stepNamed(job: Job, name: string): Step {
  const step = (job.steps ?? []).find((s) => s.name === name || s.id === name);
  if (!step) throw new Error(`no step "${name}"; the steps are ${JSON.stringify((job.steps ?? []).map((s) => s.name ?? s.id ?? s.uses))}`);
  return step;
}
