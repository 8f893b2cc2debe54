import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvironment, loadEnvironments } from '@data-platform/config';
import { CommandError } from '../errors';
import { readPlanSummaries } from '../plan/plan-summary';
import { costCells } from '../plan/cost-section';
import { ownerCells } from '../plan/owner-cells';
import { readManifestDir, renderManifestSections } from '../plan/manifest-sections';
import { describeOutcome, renderPlanComment, stackOutcomes, unsuccessfulOutcomes } from '../plan/pr-comment';

export const PR_COMMENT_USAGE = `usage: data-platform pr-comment --projects <json> [--plans <dir>] [--env <name>]
                                [--check | --out <file>] [--commit <sha>] [--run-url <url>] [--fork]
                                [--manifests <dir>]

Collects the plan summaries (dist/plans/<stack>.json) of every affected project in every
environment, as plan.yml does on a pull request:
  --projects  the affected projects, a JSON array (\`nx show projects --affected --withTarget plan --json\`)
  --plans     the folder of the summaries (default dist/plans)
  --env       only this environment (default: every environment of environments.ts)
  --check     print one line per stack; exit 1 when a plan failed or wrote no summary
  --out       write the pull-request comment (Markdown) to this file instead of standard output
  --commit, --run-url, --fork   what the comment says about the run
  --manifests the folder holding base/<folder>.json and head/<folder>.json (\`data-platform manifests\`):
              adds each pipeline's owner team and estimated monthly cost (with their changes), and the sections comparing them`;

export const prCommentErrors = {
  badArguments: (detail: string) => new CommandError(`pr-comment: ${detail}\n${PR_COMMENT_USAGE}`),
  badProjects: (value: string) =>
    new CommandError(
      `pr-comment: --projects is ${JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value)}; expected a JSON array of project names, ` +
        'as `nx show projects --affected --withTarget plan --json` prints it, e.g. ["shared","ticketing-api"].',
    ),
  plansFailed: (lines: readonly string[]) =>
    new CommandError(`${lines.length} plan${lines.length === 1 ? '' : 's'} failed:\n${lines.map((l) => `  ${l}`).join('\n')}`),
};

/** Where the command writes, injected so tests can read it. */
export interface PrCommentIo {
  readonly cwd: string;
  write(text: string): void;
}

const processIo: PrCommentIo = { cwd: process.cwd(), write: (text) => process.stdout.write(text) };

function parseProjects(value: string | undefined): readonly string[] {
  if (value === undefined) throw prCommentErrors.badArguments('--projects is required');
  let projects: unknown;
  try {
    projects = JSON.parse(value);
  } catch {
    throw prCommentErrors.badProjects(value);
  }
  if (!Array.isArray(projects) || !projects.every((p) => typeof p === 'string' && p.length > 0)) throw prCommentErrors.badProjects(value);
  return projects as string[];
}

/** The cost column and the sections, from both sides of `--manifests`. */
function manifestOptions(dir: string): { costs: ReadonlyMap<string, string>; owners: ReadonlyMap<string, string>; sections: readonly string[] } {
  const [base, head] = [readManifestDir(join(dir, 'base')), readManifestDir(join(dir, 'head'))];
  return { costs: costCells(base, head), owners: ownerCells(base, head), sections: renderManifestSections(dir) };
}

/**
 * `data-platform pr-comment`: the check of plan.yml's plan jobs (`--check`) and the comment of its
 * report job. Returns the exit code.
 */
export async function prComment(argv: readonly string[], io: PrCommentIo = processIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        projects: { type: 'string' },
        plans: { type: 'string', default: 'dist/plans' },
        env: { type: 'string' },
        check: { type: 'boolean', default: false },
        out: { type: 'string' },
        commit: { type: 'string' },
        'run-url': { type: 'string' },
        fork: { type: 'boolean', default: false },
        manifests: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw prCommentErrors.badArguments((error as Error).message);
  }
  if (values.help) {
    io.write(`${PR_COMMENT_USAGE}\n`);
    return 0;
  }
  const projects = parseProjects(values.projects);
  const environments = values.env !== undefined ? [loadEnvironment(values.env).name] : [...loadEnvironments().keys()];
  const summaries = readPlanSummaries(resolve(io.cwd, values.plans)).filter((s) => environments.includes(s.environment));
  const outcomes = stackOutcomes({ projects, environments }, summaries);

  if (values.check) {
    for (const outcome of outcomes) io.write(`${describeOutcome(outcome)}\n`);
    const failed = unsuccessfulOutcomes(outcomes);
    if (failed.length > 0) throw prCommentErrors.plansFailed(failed.map(describeOutcome));
    return 0;
  }

  const comment = renderPlanComment(outcomes, {
    ...(values.commit ? { commit: values.commit } : {}),
    ...(values['run-url'] ? { runUrl: values['run-url'] } : {}),
    fork: values.fork,
    ...(values.manifests !== undefined ? manifestOptions(resolve(io.cwd, values.manifests)) : {}),
  });
  if (values.out) {
    const file = resolve(io.cwd, values.out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, comment);
  } else {
    io.write(comment);
  }
  return 0;
}
