import { guardAccount } from '../aws/account-guard';
import { formatDuration } from '../aws/polling';
import { waitForRollout, type RolloutResult } from '../aws/service-rollout';
import { bucketExists } from '../aws/state-bucket';
import { commandErrors } from '../errors';
import { readGitRevision } from '../git/git-revision';
import { ensureRepository, publishImage, requireDockerfile } from '../image/pipeline-image';
import { describeCounts, summarizePlan } from '../plan/plan-summary';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts } from '../stack/stack-facts';
import { stateResources, Terraform } from '../terraform/terraform';
import type { CommandContext } from './command-context';
import { StepSequence } from './step-sequence';

const AGAIN = 'Fix the cause, then run deploy again: it is idempotent (an image already in ECR is reused, an unchanged stack is not re-applied).';

/**
 * Deploys one synthesized stack. For a pipeline: account guard, `terraform init`, the ECR
 * repository (a targeted apply when missing), the image of the git commit built and pushed (or
 * found in ECR), `terraform plan -out` with the task definition pinned to that image's digest,
 * `terraform apply` of the saved plan, and for a service, a wait until ECS has rolled the new task
 * definition out (apply alone reports success even when the circuit breaker rolls back).
 */
export async function deploy(stack: ProjectStack, context: CommandContext): Promise<void> {
  const { report, runner, polling } = context;
  const { environment } = stack;
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;

  // Local checks first: nothing is touched when they fail.
  let revision;
  if (pipeline) {
    if (!pipeline.takesImage) throw commandErrors.noImageVariable(stack.name);
    requireDockerfile(stack.name, pipeline);
    revision = await readGitRevision(runner, stack.project.dir);
    if (revision.changes.length > 0 && environment.name === 'prod') throw commandErrors.dirtyWorkTree(stack.name, revision.changes);
    if (revision.changes.length > 0) report.step(`${stack.name}: the work tree has uncommitted changes; the image gets a -dirty tag (refused in prod)`);
  }

  const steps = new StepSequence(
    `deploy ${stack.name}`,
    [
      'account guard',
      'terraform init',
      ...(pipeline ? ['ECR repository', 'image'] : []),
      'terraform plan',
      'terraform apply',
      ...(pipeline?.service ? ['service rollout'] : []),
    ],
    report,
    AGAIN,
  );
  const aws = context.aws(environment.region);
  const terraform = new Terraform(runner, stack.name, stack.dir, context.terraformEnv);

  const identity = await steps.run(
    'account guard',
    () => guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId }),
    (id) => `account guard: ${id.account} (${id.arn}) is environment ${environment.name}'s`,
  );
  await steps.run(
    'terraform init',
    async () => {
      if (!(await bucketExists(aws.s3, { name: facts.state.bucket, region: facts.state.region, account: identity.account }))) {
        throw commandErrors.stateBucketMissing(stack.name, facts.state.bucket, environment.name);
      }
      await terraform.initBackend();
    },
    () => `terraform init: state s3://${facts.state.bucket}/${facts.state.key}`,
  );

  const vars: Record<string, string> = {};
  let imageLine = '';
  if (pipeline && revision) {
    const repository = await steps.run(
      'ECR repository',
      () => ensureRepository(aws, terraform, environment, pipeline),
      (r) => `ECR repository ${r.uri}: ${r.created ? `created (targeted apply of ${pipeline.repository.address})` : 'exists'}`,
    );
    const image = await steps.run(
      'image',
      () => publishImage(runner, aws, pipeline, repository.uri, revision, new Date(polling.now())),
      (i) => `image ${i.reference} (tag ${i.tag}, ${pipeline.platform}): ${i.built ? 'built and pushed' : 'already in ECR, not rebuilt'}`,
    );
    vars.image = image.reference;
    imageLine = ` running ${image.reference}`;
  }

  const file = `${stack.name}.tfplan`;
  const planned = await steps.run(
    'terraform plan',
    async () => {
      const { changes } = await terraform.plan(file, { vars });
      const summary = summarizePlan(await terraform.showPlan(file), { stack: stack.name, project: stack.project.name, environment: environment.name });
      return { changes, summary };
    },
    (p) => `terraform plan: ${p.changes ? describeCounts(p.summary) : 'no changes'} (saved as ${file})`,
  );

  const applyStarted = new Date(polling.now());
  if (planned.changes) {
    await steps.run('terraform apply', () => terraform.applyPlan(file), () => `terraform apply: applied ${file} (${describeCounts(planned.summary)})`);
  } else {
    steps.skip('terraform apply', 'the plan has no changes');
  }

  let rollout: RolloutResult | undefined;
  if (pipeline?.service) {
    const service = pipeline.service;
    rollout = await steps.run(
      'service rollout',
      async () => {
        const resources = stateResources(await terraform.showState());
        const deployed = resources.find((r) => r.address === service.address) ?? resources.find((r) => r.type === 'aws_ecs_service');
        const taskDefinition = resources.find((r) => r.type === 'aws_ecs_task_definition');
        const name = literal(deployed?.values.name);
        const cluster = literal(deployed?.values.cluster);
        const arn = literal(taskDefinition?.values.arn);
        if (!name || !cluster || !arn) throw commandErrors.notDeployed(stack.name, `the ECS service ${service.address}`, stack.project.name, environment.name);
        return waitForRollout(aws.ecs, { stack: stack.name, cluster, service: name, taskDefinition: arn, since: applyStarted }, polling, report);
      },
      (r) => `service rollout: COMPLETED on ${r.taskDefinition.slice(r.taskDefinition.lastIndexOf('/') + 1)}, ${r.runningCount} running (${formatDuration(r.elapsedMs)})`,
    );
  }

  const how = planned.changes ? describeCounts(planned.summary) : 'no changes';
  const after = pipeline?.stateMachine
    ? ` It runs on its schedule; start one run now with \`npx nx run ${stack.project.name}:run -c ${environment.name}\`.`
    : rollout
      ? ' The service runs the new task definition.'
      : '';
  report.summary(`${stack.name}: deployed${imageLine} (${how}).${after}`);
}
