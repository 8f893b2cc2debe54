import { relative } from 'node:path';
import { guardAccount } from '../aws/account-guard';
import { readGitRevision } from '../git/git-revision';
import { imageBuiltHere, imageForPlan, type ChosenImage } from '../image/pipeline-image';
import { checkOwnUpstreams } from '../fleet/upstream-check';
import { describeCounts, failedPlanSummary, summarizePlan, writePlanSummary, type PlanSubject } from '../plan/plan-summary';
import type { ProjectStack } from '../stack-project';
import { readStackFacts } from '../stack/stack-facts';
import { Terraform } from '../terraform/terraform';
import { plansDir, type CommandContext } from './command-context';
import { guardedLine, initStateBackend } from './state-backend';
import { reasonOf } from '../failure-message';

/** Exit codes of `plan`, as terraform's `-detailed-exitcode`. */
export const PLAN_EXIT = { noChanges: 0, error: 1, changes: 2 } as const;

/**
 * Plans one synthesized stack against its real state: account guard, `terraform init` with the S3
 * backend, the image to plan a pipeline with, `terraform plan -out`, then the summary and its
 * Markdown written to `dist/plans/<stack>.json` and `.md`. Returns the exit code (0, or 2 when the
 * plan changes something); a failure writes an `error` summary, then throws.
 */
export async function plan(stack: ProjectStack, context: CommandContext): Promise<number> {
  const { report, runner } = context;
  const { environment } = stack;
  const subject: PlanSubject = { stack: stack.name, project: stack.project.name, environment: environment.name };
  const out = plansDir(context);
  let image: ChosenImage | undefined;
  const notes: string[] = [];
  try {
    checkOwnUpstreams(stack, context.workspaceRoot);
    const facts = readStackFacts(stack);
    const aws = context.aws(environment.region);
    const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
    report.step(`${stack.name}: ${guardedLine(identity, stack)}`);
    const terraform = new Terraform(runner, stack.name, stack.dir, context.terraformEnv);
    report.step(`${stack.name}: ${await initStateBackend(aws, terraform, stack, facts.state, identity)}`);

    const vars: Record<string, string> = {};
    if (facts.pipeline?.takesImage) {
      // A pipeline without app/ is built in its own repository: no commit of this one names its image.
      const revision = imageBuiltHere(facts.pipeline) ? await readGitRevision(runner, stack.project.dir) : undefined;
      image = await imageForPlan(aws, terraform, environment, stack.name, facts.pipeline, revision);
      vars.image = image.reference;
      report.step(`${stack.name}: image ${image.reference} (${image.source})`);
      if (image.note) notes.push(image.note);
      if (revision && revision.changes.length > 0) {
        notes.push(`The work tree has ${revision.changes.length} uncommitted change(s); the image is that of commit ${revision.commit.slice(0, 12)}.`);
      }
    }

    const file = `${stack.name}.tfplan`;
    const { changes } = await terraform.plan(file, { vars });
    const summary = {
      ...summarizePlan(await terraform.showPlan(file), {
        ...subject,
        ...(image ? { image: { reference: image.reference, source: image.source } } : {}),
        notes,
      }),
      status: changes ? ('changes' as const) : ('no-changes' as const),
    };
    const written = writePlanSummary(out, summary);
    report.step(`${stack.name}: terraform plan: ${changes ? describeCounts(summary) : 'no changes'} (saved as ${file})`);
    for (const address of summary.attention) report.step(`${stack.name}: ATTENTION: destroys or replaces ${address}`);
    report.summary(
      `${stack.name}: ${changes ? describeCounts(summary) : 'no changes'}. ` +
        `Summary in ${relative(context.workspaceRoot, written.json)} and ${relative(context.workspaceRoot, written.markdown)}.`,
    );
    return changes ? PLAN_EXIT.changes : PLAN_EXIT.noChanges;
  } catch (error) {
    writePlanSummary(out, failedPlanSummary({ ...subject, notes }, reasonOf(error)));
    throw error;
  }
}
