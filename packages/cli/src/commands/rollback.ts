import { guardAccount } from '../aws/account-guard';
import { currentRevision, findOlderRevision } from '../aws/task-definition-history';
import { commandErrors } from '../errors';
import { expectedRepositoryUri, imageBuiltHere, parsePinnedImage } from '../image/pipeline-image';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts } from '../stack/stack-facts';
import type { CommandContext } from './command-context';
import { deploy } from './deploy';
import { guardProtectedEnvironment } from './production-guard';
import { guardedLine } from './state-backend';

/** What `rollback` is asked for beyond the stack. */
export interface RollbackOptions {
  /**
   * The image to go back to: a digest `sha256:<64 hex>` of the pipeline's repository, or the whole
   * reference `<repository uri>@sha256:<64 hex>`.
   * @default - the image of the newest older task definition revision that runs another image
   */
  readonly to?: string;
  /**
   * `--break-glass "<reason>"`, for a protected environment outside the deploy workflow.
   * @default - refused there
   */
  readonly breakGlass?: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Deploys the image before the one deployed now, through Terraform exactly as `deploy --image` does
 * (ECR check, plan pinned to the digest, apply of that plan, rollout check), so that the state names
 * the image that runs and the next plan shows no drift.
 *
 * "Before": the task definition revisions are the deploy history (every apply that changed the task
 * registered one; skip_destroy keeps them ACTIVE), so the previous image is that of the newest older
 * revision whose `app` image differs from the current one. ECR's push times are not: an image can
 * be pushed and never deployed (a failed deploy, a plan), and a rollback must go to what ran.
 */
export async function rollback(stack: ProjectStack, given: CommandContext, options: RollbackOptions = {}): Promise<void> {
  const context = await guardProtectedEnvironment(stack, given, { command: 'rollback', breakGlass: options.breakGlass });
  const { report } = context;
  const { environment } = stack;
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;
  if (!pipeline) throw commandErrors.notAPipeline('rollback', stack.name);
  if (!pipeline.takesImage) throw commandErrors.noImageVariable(stack.name);
  const taskDefinition = facts.resources.find((r) => r.type === 'aws_ecs_task_definition');
  const family = literal(taskDefinition?.config.family);
  if (!taskDefinition || !family) throw commandErrors.notLiteral(stack.name, taskDefinition?.address ?? 'aws_ecs_task_definition', 'family', taskDefinition?.config.family);
  const uri = expectedRepositoryUri(environment, pipeline.repository.name);
  let wanted: string | undefined;
  if (options.to !== undefined) {
    const reference = DIGEST.test(options.to) ? `${uri}@${options.to}` : options.to;
    if (!/@sha256:[0-9a-f]{64}$/.test(reference)) throw commandErrors.badRollbackTarget(stack.name, options.to, uri);
    wanted = parsePinnedImage(stack.name, reference, environment, pipeline).reference;
  }

  const aws = context.aws(environment.region);
  const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
  report.step(guardedLine(identity, stack));
  const current = await currentRevision(aws.ecs, family);
  if (!current?.image) throw commandErrors.rollbackNotDeployed(stack.name, family, stack.project.name, environment.name);
  const digestOf = (image: string) => image.slice(image.indexOf('@') + 1);

  let target: string;
  let origin: string;
  if (wanted !== undefined) {
    if (digestOf(wanted) === digestOf(current.image)) throw commandErrors.rollbackToCurrent(stack.name, wanted);
    target = wanted;
    origin = 'given with --to';
  } else {
    const older = await findOlderRevision(
      aws.ecs,
      family,
      current.revision,
      (r) => r.image !== undefined && r.image.startsWith(`${uri}@sha256:`) && digestOf(r.image) !== digestOf(current.image!),
    );
    if (!older.found?.image) throw commandErrors.nothingToRollBack(stack.name, family, current.image, older.examined + 1);
    target = older.found.image;
    origin = `the image of task definition ${older.found.name}`;
  }
  report.step(`rollback ${stack.name}: from ${current.image} (task definition ${current.name}) to ${target} (${origin})`);
  await deploy(stack, context, { image: target });
  report.summary(
    `${stack.name}: rolled back from ${current.image} to ${target}. Terraform's state names it, so plans show no drift. ` +
      (imageBuiltHere(pipeline)
        ? 'The next deploy from this folder deploys the image of its git commit again: merge the fix (or a revert) before deploying.'
        : 'The next deploy from here keeps this image; the next one from the pipeline\'s own repository (universal-deploy) replaces it.'),
  );
}
