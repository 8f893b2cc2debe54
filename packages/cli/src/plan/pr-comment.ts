import { stackName } from '@data-platform/core';
import { PLAN_COMMENT_MARKER, renderPlanMarkdown, type PlanSummary } from './plan-summary';

/**
 * The pull-request comment of plan.yml: every stack the pull request affects, in every
 * environment, from the summaries `data-platform plan` wrote (`dist/plans/<stack>.json`). A stack
 * with no summary is shown too, as failed: its plan crashed before writing one, or never ran.
 */

/** GitHub refuses a comment longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** What was to be planned: the projects `nx show projects --affected` found, in each environment. */
export interface ExpectedPlans {
  readonly projects: readonly string[];
  readonly environments: readonly string[];
}

interface StackRef {
  /** `<project>-<environment>`. */
  readonly stack: string;
  readonly project: string;
  readonly environment: string;
}

/** One stack of the comment: planned (with or without changes), failed, or without any summary. */
export type StackOutcome =
  | (StackRef & { readonly state: 'planned' | 'failed'; readonly summary: PlanSummary })
  | (StackRef & { readonly state: 'missing' });

/**
 * Every expected stack with its summary, in the order of the environments, then by stack name. A
 * summary of an environment planned but of a project not expected is kept: it was planned.
 */
export function stackOutcomes(expected: ExpectedPlans, summaries: readonly PlanSummary[]): StackOutcome[] {
  const byStack = new Map(summaries.map((summary) => [summary.stack, summary]));
  const outcomes: StackOutcome[] = [];
  for (const environment of expected.environments) {
    const stacks = new Map<string, StackRef>();
    for (const project of expected.projects) stacks.set(stackName(project, environment), { stack: stackName(project, environment), project, environment });
    for (const summary of summaries.filter((s) => s.environment === environment)) stacks.set(summary.stack, summary);
    for (const ref of [...stacks.values()].sort((a, b) => a.stack.localeCompare(b.stack))) {
      const summary = byStack.get(ref.stack);
      outcomes.push(summary ? { ...ref, state: summary.status === 'error' ? 'failed' : 'planned', summary } : { ...ref, state: 'missing' });
    }
  }
  return outcomes;
}

/** The stacks that make the check fail: a plan error, or no summary at all. */
export function unsuccessfulOutcomes(outcomes: readonly StackOutcome[]): StackOutcome[] {
  return outcomes.filter((outcome) => outcome.state !== 'planned');
}

/** One line per stack, as the check prints it. */
export function describeOutcome(outcome: StackOutcome): string {
  if (outcome.state === 'missing') {
    return `${outcome.stack}: no plan summary (dist/plans/${outcome.stack}.json): its plan did not run, or failed before writing one (synth?); see the log of \`nx affected -t plan\`.`;
  }
  const { summary } = outcome;
  if (outcome.state === 'failed') return `${outcome.stack}: plan failed: ${firstLine(summary.error)}`;
  return `${outcome.stack}: ${summary.status === 'no-changes' ? 'no changes' : countsLine(summary)}`;
}

export interface PlanCommentOptions {
  /** The commit planned (the pull request's head). */
  readonly commit?: string;
  /** The workflow run, for logs and the full summaries. */
  readonly runUrl?: string;
  /** The pull request comes from a fork: nothing could be planned. */
  readonly fork?: boolean;
  /**
   * The longest comment to render.
   * @default GITHUB_COMMENT_LIMIT
   */
  readonly limit?: number;
  /**
   * The estimated monthly cost of each pipeline stack, with its change against the base branch
   * (plan/cost-section.ts `costCells`): a column of the table.
   * @default - no cost column
   */
  readonly costs?: ReadonlyMap<string, string>;
  /**
   * The team that owns each pipeline stack (plan/owner-cells.ts `ownerCells`): a column of the table.
   * @default - no owner column
   */
  readonly owners?: ReadonlyMap<string, string>;
  /**
   * Sections rendered from the base's and the head's manifests (plan/manifest-sections.ts), placed
   * after the table.
   * @default - none
   */
  readonly sections?: readonly string[];
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function firstLine(text: string | undefined): string {
  const line = (text ?? 'unknown error').trim().split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function countsLine(summary: PlanSummary): string {
  const { counts } = summary;
  return `${counts.add} to add, ${counts.change} to change, ${counts.replace} to replace, ${counts.destroy} to destroy`;
}

function statusCell(outcome: StackOutcome, fork: boolean): string {
  if (outcome.state === 'missing') return fork ? 'not planned (fork)' : '**no plan** :x:';
  if (outcome.state === 'failed') return '**plan failed** :x:';
  if (outcome.summary.attention.length > 0) return 'changes :warning:';
  return outcome.summary.status === 'changes' ? 'changes' : 'no changes';
}

function row(outcome: StackOutcome, fork: boolean, costs?: ReadonlyMap<string, string>, owners?: ReadonlyMap<string, string>): string {
  const counts = outcome.state === 'planned' ? outcome.summary.counts : undefined;
  const cells = counts ? [counts.add, counts.change, counts.replace, counts.destroy].map(String) : ['–', '–', '–', '–'];
  const owner = owners ? ` ${owners.get(outcome.stack) ?? '–'} |` : '';
  const cost = costs ? ` ${costs.get(outcome.stack) ?? '–'} |` : '';
  return `| ${code(outcome.stack)} | ${outcome.environment} |${owner} ${cells.join(' | ')} | ${statusCell(outcome, fork)} |${cost}`;
}

/** What needs a reviewer's eye first: destroys and replacements in the shared stack or of stored data. */
function cautionLines(outcomes: readonly StackOutcome[]): string[] {
  const flagged = outcomes.filter((o): o is StackOutcome & { summary: PlanSummary } => o.state === 'planned' && o.summary.attention.length > 0);
  if (flagged.length === 0) return [];
  const lines = ['> [!CAUTION]', '> **This change destroys or replaces shared infrastructure or stored data.** Review these before merging:'];
  for (const { summary } of flagged) {
    const replaced = new Set(summary.resources.replace.map((r) => r.address));
    const items = summary.attention.map((address) => `${code(address)} (${replaced.has(address) ? 'replace' : 'destroy'})`);
    lines.push(`> - ${code(summary.stack)}: ${items.join(', ')}`);
  }
  return [...lines, ''];
}

function failureLines(outcomes: readonly StackOutcome[], fork: boolean): string[] {
  const failed = unsuccessfulOutcomes(outcomes);
  if (failed.length === 0 || fork) return [];
  const lines = ['> [!WARNING]', `> **${failed.length} plan${failed.length === 1 ? '' : 's'} failed**: the check fails until ${failed.length === 1 ? 'it plans' : 'they plan'}.`];
  for (const outcome of failed) {
    lines.push(
      outcome.state === 'missing'
        ? `> - ${code(outcome.stack)}: no plan summary was written (the plan did not run, or synth failed): see the log of the \`plan (${outcome.environment})\` job.`
        : `> - ${code(outcome.stack)}: ${firstLine(outcome.summary.error).replace(/\|/g, '\\|')}`,
    );
  }
  return [...lines, ''];
}

/**
 * The whole comment: the marker (to find it again), a call-out of destroys and replacements in the
 * shared stack or of stored data, failures, one table row per stack and environment, then each
 * stack's details (folded), as many as fit in one GitHub comment.
 */
export function renderPlanComment(outcomes: readonly StackOutcome[], options: PlanCommentOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const fork = options.fork ?? false;
  const head = [PLAN_COMMENT_MARKER, '## Terraform plan', ''];
  if (fork) {
    head.push(
      '> [!NOTE]',
      "> This pull request comes from a fork. GitHub gives a fork's pull request no OIDC token, so it cannot assume the planner roles: nothing was planned. " +
        'The offline checks (`ci`) still run. To get a plan, a maintainer pushes the branch to this repository.',
      '',
    );
  }
  head.push(...cautionLines(outcomes), ...failureLines(outcomes, fork));
  const about = [
    options.commit ? `Planned at ${code(options.commit.slice(0, 12))}` : undefined,
    options.runUrl ? `[workflow run](${options.runUrl})` : undefined,
  ].filter(Boolean);
  if (about.length > 0) head.push(about.join(' · '), '');

  if (outcomes.length === 0) {
    head.push('No stack is affected by this change: nothing to plan.');
    return `${head.join('\n')}\n`;
  }
  const { costs, owners } = options;
  head.push(
    `| stack | environment |${owners ? ' owner |' : ''} add | change | replace | destroy | |${costs ? ' monthly cost (estimate) |' : ''}`,
    `| --- | --- |${owners ? ' --- |' : ''} ---: | ---: | ---: | ---: | --- |${costs ? ' ---: |' : ''}`,
  );
  head.push(...outcomes.map((o) => row(o, fork, costs, owners)), '');
  for (const section of options.sections ?? []) head.push(section.trimEnd(), '');

  // Details of what changes (or failed), attention first; a stack without changes is its table row.
  const detailed = outcomes
    .filter((o): o is StackOutcome & { summary: PlanSummary } => o.state !== 'missing' && o.summary.status !== 'no-changes')
    .sort((a, b) => Number(b.summary.attention.length > 0) - Number(a.summary.attention.length > 0));
  const omittedNote = (n: number) =>
    `_The details of ${n} more stack${n === 1 ? '' : 's'} did not fit in one comment: they are in the summary of the ${options.runUrl ? `[workflow run](${options.runUrl})` : 'workflow run'}._`;
  const reserve = omittedNote(detailed.length).length + 2;
  let text = head.join('\n');
  let omitted = 0;
  for (const outcome of detailed) {
    const section = `\n${renderPlanMarkdown(outcome.summary)}`;
    if (text.length + section.length + reserve <= limit) text += section;
    else omitted += 1;
  }
  if (omitted > 0) text += `\n${omittedNote(omitted)}\n`;
  text = `${text.trimEnd()}\n`;
  if (text.length > limit) {
    const cut = `\n\n_The comment was cut at ${limit} characters: the full plan summaries are in the workflow run._\n`;
    text = `${text.slice(0, limit - cut.length)}${cut}`;
  }
  return text;
}
