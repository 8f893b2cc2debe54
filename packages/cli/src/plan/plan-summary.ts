import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanJson, PlannedChange } from '../terraform/terraform';

/**
 * The machine-readable summary of one stack's plan, and its Markdown rendering: the one place that
 * `data-platform plan` (which writes `dist/plans/<stack>.json` and `.md`) and the pull-request
 * comment (`pr-comment.ts`, which collects `dist/plans/*.json` into one comment) both use.
 */

/** Bumped when a field changes meaning; readers check it. */
export const PLAN_SUMMARY_FORMAT = 1;

/** The first line of the pull-request comment, to find and update it in place. */
export const PLAN_COMMENT_MARKER = '<!-- data-platform:plan -->';

export type PlanStatus = 'no-changes' | 'changes' | 'error';

/** What a plan does to resources, by kind of action. */
export const PLAN_ACTIONS = ['add', 'change', 'replace', 'destroy', 'import', 'forget'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** One resource the plan acts on. */
export interface PlannedResource {
  /** Its Terraform address, e.g. `aws_ecs_service.Pipeline_Service_1A2B3C4D`. */
  readonly address: string;
  /** Its resource type, e.g. `aws_ecs_service`. */
  readonly type: string;
  /** Terraform's reason, when it gives one (`replace_because_cannot_update`, `delete_because_no_resource_config`, ...). */
  readonly reason?: string;
}

export interface PlanSummary {
  readonly format: typeof PLAN_SUMMARY_FORMAT;
  /** `<project>-<environment>`. */
  readonly stack: string;
  /** The stack's folder name (`shared` or a pipeline). */
  readonly project: string;
  readonly environment: string;
  /** `changes` and `no-changes` mirror `terraform plan -detailed-exitcode`; `error` when planning failed. */
  readonly status: PlanStatus;
  /** How many resources each action touches. */
  readonly counts: Readonly<Record<PlanAction, number>>;
  /** The resources each action touches, by address. */
  readonly resources: Readonly<Record<PlanAction, readonly PlannedResource[]>>;
  /** Root outputs whose value changes. */
  readonly outputs: readonly string[];
  /**
   * Resources destroyed or replaced that deserve a reviewer's eye before merge: any in the shared
   * stack, and stateful ones (buckets, keys, log groups, repositories) anywhere.
   */
  readonly attention: readonly string[];
  /** The image a pipeline stack was planned with, and where that choice came from. */
  readonly image?: { readonly reference: string; readonly source: string };
  /** Anything else the reader should know (for example: planned with a placeholder image). */
  readonly notes: readonly string[];
  /** What went wrong, when status is `error`. */
  readonly error?: string;
}

export interface PlanSubject {
  readonly stack: string;
  readonly project: string;
  readonly environment: string;
  readonly image?: { readonly reference: string; readonly source: string };
  readonly notes?: readonly string[];
}

/** Types whose destruction loses data or history, called out wherever they are. */
const STATEFUL_TYPES = new Set([
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_cloudwatch_log_group',
  'aws_ecr_repository',
  'aws_dynamodb_table',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_ssm_parameter',
]);

function actionOf(change: PlannedChange): PlanAction | undefined {
  const actions = [...change.change.actions].sort().join(',');
  if (change.mode === 'data' || actions === 'read') return undefined;
  switch (actions) {
    case 'create':
      return 'add';
    case 'update':
      return 'change';
    case 'create,delete':
      return 'replace';
    case 'delete':
      return 'destroy';
    case 'forget':
      return 'forget';
    case 'no-op':
      return change.change.importing ? 'import' : undefined;
    default:
      return undefined;
  }
}

function emptyBy<T>(make: () => T): Record<PlanAction, T> {
  return Object.fromEntries(PLAN_ACTIONS.map((action) => [action, make()])) as Record<PlanAction, T>;
}

/** Summarizes `terraform show -json <plan>` by action and address. */
export function summarizePlan(plan: PlanJson, subject: PlanSubject): PlanSummary {
  const resources = emptyBy<PlannedResource[]>(() => []);
  for (const change of plan.resource_changes ?? []) {
    const action = actionOf(change);
    if (!action) continue;
    resources[action].push({ address: change.address, type: change.type, ...(change.action_reason ? { reason: change.action_reason } : {}) });
  }
  for (const list of Object.values(resources)) list.sort((a, b) => a.address.localeCompare(b.address));
  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, change]) => !change.actions.every((a) => a === 'no-op'))
    .map(([name]) => name)
    .sort();
  const counts = Object.fromEntries(PLAN_ACTIONS.map((action) => [action, resources[action].length])) as Record<PlanAction, number>;
  const changes = PLAN_ACTIONS.some((action) => counts[action] > 0) || outputs.length > 0;
  const attention = [...resources.replace, ...resources.destroy]
    .filter((r) => subject.project === 'shared' || STATEFUL_TYPES.has(r.type))
    .map((r) => r.address)
    .sort();
  return {
    format: PLAN_SUMMARY_FORMAT,
    stack: subject.stack,
    project: subject.project,
    environment: subject.environment,
    status: changes ? 'changes' : 'no-changes',
    counts,
    resources,
    outputs,
    attention,
    ...(subject.image ? { image: subject.image } : {}),
    notes: [...(subject.notes ?? [])],
  };
}

/** The summary of a plan that could not be made: the pull-request comment still shows the stack, failed. */
export function failedPlanSummary(subject: PlanSubject, error: string): PlanSummary {
  return {
    format: PLAN_SUMMARY_FORMAT,
    stack: subject.stack,
    project: subject.project,
    environment: subject.environment,
    status: 'error',
    counts: emptyBy(() => 0),
    resources: emptyBy(() => []),
    outputs: [],
    attention: [],
    notes: [...(subject.notes ?? [])],
    error,
  };
}

/** `3 to add, 1 to change, 0 to destroy` (terraform's words), with replacements and the rest when present. */
export function describeCounts(summary: PlanSummary): string {
  const { counts } = summary;
  const parts = [`${counts.add} to add`, `${counts.change} to change`];
  if (counts.replace) parts.push(`${counts.replace} to replace`);
  parts.push(`${counts.destroy} to destroy`);
  if (counts.import) parts.push(`${counts.import} to import`);
  if (counts.forget) parts.push(`${counts.forget} to forget`);
  return parts.join(', ');
}

const SYMBOL: Readonly<Record<PlanAction, string>> = {
  add: '+',
  change: '~',
  replace: '-/+',
  destroy: '-',
  import: '<=',
  forget: '.',
};

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function headline(summary: PlanSummary): string {
  if (summary.status === 'error') return `${code(summary.stack)}: plan failed`;
  if (summary.status === 'no-changes') return `${code(summary.stack)}: no changes`;
  return `${code(summary.stack)}: ${describeCounts(summary)}`;
}

/** One stack's plan as Markdown: a headline, a warning when something needs attention, the details folded. */
export function renderPlanMarkdown(summary: PlanSummary): string {
  const lines = [`### ${headline(summary)}`, ''];
  if (summary.attention.length > 0) {
    lines.push(
      '> [!WARNING]',
      `> This plan destroys or replaces ${summary.attention.length === 1 ? 'a resource' : `${summary.attention.length} resources`}` +
        ` that ${summary.project === 'shared' ? 'the whole platform relies on' : 'hold data or history'}: ` +
        `${summary.attention.map(code).join(', ')}.`,
      '',
    );
  }
  if (summary.status === 'error') {
    lines.push('```text', (summary.error ?? 'unknown error').trim(), '```', '');
  }
  if (summary.image) lines.push(`Image: ${code(summary.image.reference)} (${summary.image.source}).`, '');
  for (const note of summary.notes) lines.push(`> ${note}`, '');
  const changed = PLAN_ACTIONS.flatMap((action) => summary.resources[action].map((r) => ({ action, ...r })));
  if (changed.length > 0) {
    lines.push(`<details><summary>${changed.length} resource${changed.length === 1 ? '' : 's'}</summary>`, '');
    lines.push('| action | address | reason |', '| --- | --- | --- |');
    for (const r of changed) lines.push(`| ${code(SYMBOL[r.action])} ${r.action} | ${code(cell(r.address))} | ${r.reason ? cell(r.reason) : ''} |`);
    lines.push('', '</details>', '');
  }
  if (summary.outputs.length > 0) lines.push(`Outputs changed: ${summary.outputs.map(code).join(', ')}.`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Writes `<dir>/<stack>.json` and `<dir>/<stack>.md`, each atomically; returns their paths. */
export function writePlanSummary(dir: string, summary: PlanSummary): { readonly json: string; readonly markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${summary.stack}.json`);
  const markdown = join(dir, `${summary.stack}.md`);
  const write = (file: string, text: string) => {
    writeFileSync(`${file}.${process.pid}`, text);
    renameSync(`${file}.${process.pid}`, file);
  };
  write(json, `${JSON.stringify(summary, null, 2)}\n`);
  write(markdown, renderPlanMarkdown(summary));
  return { json, markdown };
}

/** Every summary in a folder (`dist/plans`), checked to be of this format. */
export function readPlanSummaries(dir: string): PlanSummary[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const summary = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PlanSummary;
    if (summary.format !== PLAN_SUMMARY_FORMAT) {
      throw new Error(`${join(dir, file)} is plan summary format ${String(summary.format)}; this reader knows format ${PLAN_SUMMARY_FORMAT}.`);
    }
    return summary;
  });
}
