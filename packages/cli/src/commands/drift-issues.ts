import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvironments } from '@data-platform/config';
import { stackName } from '@data-platform/core';
import { CommandError } from '../errors';
import { GithubIssues, type GithubIssue } from '../github/github-issues';
import { readPlanSummaries, renderPlanMarkdown, type PlanSummary } from '../plan/plan-summary';

export const DRIFT_ISSUES_USAGE = `usage: data-platform drift-issues --projects <json> [--plans <dir>] [--repo <owner/name>]
                                  [--run-url <url>] [--github-output <file>]

Keeps one GitHub issue per drifted stack (label "drift"), from the plan summaries of the nightly
drift check (dist/plans/<stack>.json and .md), every project in every environment:
  - a stack whose plan has changes gets an issue: opened, reopened if it was closed, or updated;
  - a stack that plans clean again has its open issue closed, with a comment;
  - a stack whose plan failed (or wrote no summary) keeps its issue as it is, and fails the command.
  --projects       every project with a plan target, a JSON array (\`nx show projects --withTarget plan --json\`)
  --plans          the folder of the summaries (default dist/plans)
  --repo           the repository (default: GITHUB_REPOSITORY)
  --run-url        the workflow run, linked from each issue
  --github-output  append appeared=<json> (stacks whose drift is new or back) and drifted=<json>
The token is GITHUB_TOKEN (issues: write); the API is GITHUB_API_URL (default https://api.github.com).`;

/** The label of every drift issue, and the marker that ties an issue to its stack. */
export const DRIFT_LABEL = 'drift';
export const driftMarker = (stack: string) => `<!-- data-platform:drift:${stack} -->`;

/** GitHub refuses an issue body longer than this many characters. */
const ISSUE_BODY_LIMIT = 65_536;

export const driftIssuesErrors = {
  badArguments: (detail: string) => new CommandError(`drift-issues: ${detail}\n${DRIFT_ISSUES_USAGE}`),
  badProjects: (value: string) =>
    new CommandError(`drift-issues: --projects is ${JSON.stringify(value.slice(0, 120))}; expected a JSON array of project names, as \`nx show projects --withTarget plan --json\` prints it, e.g. ["shared","ticketing-api"].`),
  missingVariable: (name: string) =>
    new CommandError(`drift-issues: ${name} is not set; in GitHub Actions pass it in the step's env (${name === 'GITHUB_TOKEN' ? 'GITHUB_TOKEN: ${{ github.token }}, with permissions issues: write' : 'it is set by the runner'}).`),
  unplanned: (stacks: readonly string[]) =>
    new CommandError(`drift-issues: ${stacks.length} stack${stacks.length === 1 ? '' : 's'} could not be checked for drift (the plan failed or wrote no summary): ${stacks.join(', ')}. Their issues were left as they are; see the plan job's log.`),
};

/** What one stack's plan says about drift. */
export type DriftState = 'drift' | 'clean' | 'unknown';

/** What was done for one stack. */
export type DriftAction = 'opened' | 'reopened' | 'updated' | 'closed' | 'none' | 'unknown';

export interface DriftOutcome {
  readonly stack: string;
  readonly action: DriftAction;
  readonly issue?: string;
}

export interface DriftIssuesIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  write(text: string): void;
  /** The date written in issues, injected so tests are stable. */
  now(): Date;
}

const processIo: DriftIssuesIo = { cwd: process.cwd(), env: process.env, write: (text) => process.stdout.write(text), now: () => new Date() };

function stateOf(summary: PlanSummary | undefined): DriftState {
  if (!summary || summary.status === 'error') return 'unknown';
  return summary.status === 'changes' ? 'drift' : 'clean';
}

/** The issue of a stack: the open one if any, else the most recently numbered. */
function issueOf(issues: readonly GithubIssue[], stack: string): GithubIssue | undefined {
  const mine = issues.filter((issue) => (issue.body ?? '').includes(driftMarker(stack))).sort((a, b) => b.number - a.number);
  return mine.find((issue) => issue.state === 'open') ?? mine[0];
}

function issueBody(summary: PlanSummary, plansDir: string, checkedAt: Date, runUrl: string | undefined): string {
  const file = join(plansDir, `${summary.stack}.md`);
  const markdown = existsSync(file) ? readFileSync(file, 'utf8') : renderPlanMarkdown(summary);
  const head = [
    driftMarker(summary.stack),
    `The nightly plan of \`${summary.stack}\` is not empty: what runs in AWS differs from what this repository declares ` +
      '(a change made outside Terraform, or a change merged and not deployed). Apply the repository\'s version with ' +
      `\`npx nx run ${summary.project}:deploy -c ${summary.environment}\`, or bring the change into the code through a pull request.`,
    '',
    `Last checked ${checkedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}${runUrl ? ` in [this run](${runUrl})` : ''}; this issue is updated while the drift lasts and closed when the stack plans clean.`,
    '',
  ].join('\n');
  const text = `${head}\n${markdown}`;
  return text.length <= ISSUE_BODY_LIMIT ? text : `${text.slice(0, ISSUE_BODY_LIMIT - 80)}\n\n_Cut: the full summary is in the run's artifacts._\n`;
}

/** `data-platform drift-issues`: returns the exit code. */
export async function driftIssues(argv: readonly string[], io: DriftIssuesIo = processIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        projects: { type: 'string' },
        plans: { type: 'string', default: 'dist/plans' },
        repo: { type: 'string' },
        'run-url': { type: 'string' },
        'github-output': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw driftIssuesErrors.badArguments((error as Error).message);
  }
  if (values.help) {
    io.write(`${DRIFT_ISSUES_USAGE}\n`);
    return 0;
  }
  if (values.projects === undefined) throw driftIssuesErrors.badArguments('--projects is required');
  let projects: unknown;
  try {
    projects = JSON.parse(values.projects);
  } catch {
    throw driftIssuesErrors.badProjects(values.projects);
  }
  if (!Array.isArray(projects) || !projects.every((p) => typeof p === 'string' && p.length > 0)) throw driftIssuesErrors.badProjects(values.projects);
  const repository = values.repo ?? io.env.GITHUB_REPOSITORY;
  if (!repository) throw driftIssuesErrors.missingVariable('GITHUB_REPOSITORY');
  const token = io.env.GITHUB_TOKEN;
  if (!token) throw driftIssuesErrors.missingVariable('GITHUB_TOKEN');

  const plansDir = resolve(io.cwd, values.plans);
  const summaries = new Map(readPlanSummaries(plansDir).map((s) => [s.stack, s]));
  const stacks = [...loadEnvironments().keys()].flatMap((environment) => (projects as string[]).map((project) => stackName(project, environment)));
  const github = new GithubIssues({ repository, token, ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}) });
  const issues = await github.listByLabel(DRIFT_LABEL);
  const checkedAt = io.now();
  const outcomes: DriftOutcome[] = [];

  for (const stack of stacks) {
    const summary = summaries.get(stack);
    const state = stateOf(summary);
    const issue = issueOf(issues, stack);
    if (state === 'unknown') {
      outcomes.push({ stack, action: 'unknown', ...(issue ? { issue: issue.html_url } : {}) });
    } else if (state === 'drift') {
      const body = issueBody(summary!, plansDir, checkedAt, values['run-url']);
      if (!issue) {
        const created = await github.create({ title: `Drift: ${stack} differs from its Terraform configuration`, body, labels: [DRIFT_LABEL] });
        outcomes.push({ stack, action: 'opened', issue: created.html_url });
      } else if (issue.state === 'closed') {
        await github.update(issue.number, { body, state: 'open', state_reason: 'reopened' });
        await github.comment(issue.number, `The drift is back: the plan of ${checkedAt.toISOString().slice(0, 10)} is not empty again (summary above).`);
        outcomes.push({ stack, action: 'reopened', issue: issue.html_url });
      } else {
        await github.update(issue.number, { body });
        outcomes.push({ stack, action: 'updated', issue: issue.html_url });
      }
    } else if (issue && issue.state === 'open') {
      await github.comment(issue.number, `\`${stack}\` plans clean again (${checkedAt.toISOString().slice(0, 10)}${values['run-url'] ? `, [run](${values['run-url']})` : ''}): closing.`);
      await github.update(issue.number, { state: 'closed', state_reason: 'completed' });
      outcomes.push({ stack, action: 'closed', issue: issue.html_url });
    } else {
      outcomes.push({ stack, action: 'none' });
    }
  }

  for (const outcome of outcomes) io.write(`${outcome.stack}: ${outcome.action}${outcome.issue ? ` ${outcome.issue}` : ''}\n`);
  if (values['github-output']) {
    const appeared = outcomes.filter((o) => o.action === 'opened' || o.action === 'reopened').map((o) => o.stack);
    const drifted = outcomes.filter((o) => ['opened', 'reopened', 'updated'].includes(o.action)).map((o) => o.stack);
    appendFileSync(resolve(io.cwd, values['github-output']), `appeared=${JSON.stringify(appeared)}\ndrifted=${JSON.stringify(drifted)}\n`);
  }
  const unknown = outcomes.filter((o) => o.action === 'unknown').map((o) => o.stack);
  if (unknown.length > 0) throw driftIssuesErrors.unplanned(unknown);
  return 0;
}
