import { guardAccount } from '../aws/account-guard';
import { formatDuration } from '../aws/polling';
import { waitForRollout, type RolloutResult } from '../aws/service-rollout';
import { commandErrors } from '../errors';
import { checkOwnUpstreams } from '../fleet/upstream-check';
import { readGitRevision, type GitRevision } from '../git/git-revision';
import {
  appBuild,
  deployedImage,
  ensureRepository,
  imageBuiltHere,
  parsePinnedImage,
  publishImage,
  verifyPinnedImage,
  type AppBuild,
  type PinnedImage,
} from '../image/pipeline-image';
import { describeCounts, summarizePlan } from '../plan/plan-summary';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts, type PipelineFacts } from '../stack/stack-facts';
import { stateResources, Terraform } from '../terraform/terraform';
import type { CommandContext } from './command-context';
import { guardProtectedEnvironment } from './production-guard';
import { StepSequence } from './step-sequence';
import { guardedLine, initStateBackend } from './state-backend';

const AGAIN = 'Fix the cause, then run deploy again: it is idempotent (an image already in ECR is reused, an unchanged stack is not re-applied).';

/** What `deploy` is asked for beyond the stack. */
export interface DeployOptions {
  /**
   * An image already pushed to the pipeline's ECR repository, `<repository uri>@sha256:<digest>`,
   * to deploy as it is: nothing is built. What universal-deploy passes for a pipeline whose code
   * lives in its own repository; also a way back to an earlier image.
   * @default - a pipeline with app/ gets the image of the git commit (built and pushed when ECR
   * lacks it); one without app/ keeps the image deployed now
   */
  readonly image?: string;
  /**
   * `--break-glass "<reason>"`: deploy a protected environment from outside the deploy workflow,
   * announced and recorded (see production-guard).
   * @default - a protected environment is deployed only by the deploy workflow
   */
  readonly breakGlass?: string;
}

/** Where the image a pipeline is deployed with comes from. */
type ImageSource =
  /** `--image`: checked against ECR, deployed as given. */
  | { readonly kind: 'given'; readonly image: PinnedImage }
  /** The pipeline's app/ folder: the image of the git commit, built and pushed when missing. */
  | { readonly kind: 'built here'; readonly revision: GitRevision; readonly build: AppBuild }
  /** No app/ folder: the image is built in the pipeline's own repository; keep the one deployed now. */
  | { readonly kind: 'built elsewhere' };

/**
 * Deploys one synthesized stack: account guard, `terraform init`, for a pipeline the image to run,
 * `terraform plan -out` with the task definition pinned to that image's digest, `terraform apply`
 * of the saved plan, and for a service, a wait until ECS has rolled the new task definition out
 * (apply alone reports success even when the circuit breaker rolls back).
 *
 * The image of a pipeline: the one given with `--image` (checked in ECR, never built); else for a
 * folder with app/, the image of the git commit, built and pushed unless ECR has it (the ECR
 * repository is created first by a targeted apply when missing); else (the pipeline's code lives
 * in its own repository) the image deployed now, and when there is none yet, the ECR repository
 * alone and a notice that the first image must come from universal-deploy.
 */
export async function deploy(stack: ProjectStack, given: CommandContext, options: DeployOptions = {}): Promise<void> {
  const { report, runner, polling } = given;
  const { environment } = stack;
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;

  // Local checks first: nothing is touched when they fail.
  checkOwnUpstreams(stack, given.workspaceRoot);
  if (options.image !== undefined && !pipeline) throw commandErrors.imageNeedsPipeline(stack.name, options.image);
  let source: ImageSource | undefined;
  if (pipeline) {
    if (!pipeline.takesImage) throw commandErrors.noImageVariable(stack.name);
    source = await imageSource(stack, pipeline, options, given);
  }
  // A protected environment: only the deploy workflow, or a person breaking the glass (whose
  // session the rest runs on). Before any AWS call.
  const context = await guardProtectedEnvironment(stack, given, { command: 'deploy', breakGlass: options.breakGlass });

  const steps = new StepSequence(
    `deploy ${stack.name}`,
    [
      'account guard',
      'terraform init',
      ...(source?.kind === 'given' ? ['image'] : source ? ['ECR repository', 'image'] : []),
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
    (id) => guardedLine(id, stack),
  );
  await steps.run('terraform init', () => initStateBackend(aws, terraform, stack, facts.state, identity), (line) => line);

  const vars: Record<string, string> = {};
  if (pipeline && source?.kind === 'given') {
    const { image } = source;
    await steps.run(
      'image',
      () => verifyPinnedImage(aws, stack, pipeline, image),
      () => `image ${image.reference}: in ECR repository ${pipeline.repository.name}, deployed as given (--image), nothing built`,
    );
    vars.image = image.reference;
  } else if (pipeline && source) {
    const repository = await steps.run(
      'ECR repository',
      () => ensureRepository(aws, terraform, environment, pipeline),
      (r) => `ECR repository ${r.uri}: ${r.created ? `created (targeted apply of ${pipeline.repository.address})` : 'exists'}`,
    );
    if (source.kind === 'built here') {
      const { revision, build } = source;
      const image = await steps.run(
        'image',
        () => publishImage(runner, aws, pipeline, build, repository.uri, revision, new Date(polling.now())),
        (i) => `image ${i.reference} (tag ${i.tag}, ${pipeline.platform}): ${i.built ? 'built and pushed' : 'already in ECR, not rebuilt'}`,
      );
      vars.image = image.reference;
    } else {
      const current = await steps.run(
        'image',
        async () => deployedImage(await terraform.showState(), repository.uri),
        (i) =>
          i
            ? `image ${i}: the image deployed now, kept (built in the pipeline's own repository; universal-deploy deploys new ones)`
            : 'image: none deployed yet (built in the pipeline\'s own repository)',
      );
      if (!current) {
        report.summary(firstImageNotice(stack, pipeline, repository));
        return;
      }
      vars.image = current;
    }
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
  const imageLine = vars.image ? ` running ${vars.image}` : '';
  const after = pipeline?.stateMachine
    ? ` It runs on its schedule; start one run now with \`npx nx run ${stack.project.name}:run -c ${environment.name}\`.`
    : rollout
      ? ' The service runs the new task definition.'
      : '';
  report.summary(`${stack.name}: deployed${imageLine} (${how}).${after}`);
}

/** Where the pipeline's image comes from; checks what can be checked without AWS. */
async function imageSource(stack: ProjectStack, pipeline: PipelineFacts, options: DeployOptions, context: CommandContext): Promise<ImageSource> {
  if (options.image !== undefined) return { kind: 'given', image: parsePinnedImage(stack.name, options.image, stack.environment, pipeline) };
  if (!imageBuiltHere(pipeline)) return { kind: 'built elsewhere' };
  const build = appBuild(stack.name, pipeline, context.workspaceRoot);
  const revision = await readGitRevision(context.runner, stack.project.dir);
  if (revision.changes.length > 0 && stack.environment.name === 'prod') throw commandErrors.dirtyWorkTree(stack.name, revision.changes);
  if (revision.changes.length > 0) context.report.step(`${stack.name}: the work tree has uncommitted changes; the image gets a -dirty tag (refused in prod)`);
  return { kind: 'built here', revision, build };
}

/**
 * The end of the first deploy of a pipeline built elsewhere: only its ECR repository exists, and
 * the first image must come from the pipeline's own repository. Said loudly; not a failure.
 */
function firstImageNotice(stack: ProjectStack, pipeline: PipelineFacts, repository: { readonly uri: string; readonly created: boolean }): string {
  const { project, environment } = stack;
  return [
    `NOTICE: ${stack.name} is not deployed yet: no image of ${project.name} has been deployed to ${environment.name}.`,
    `  ${pipeline.appDir} does not exist: this pipeline's code, and its image, live in the pipeline's own repository.`,
    `  ECR repository: ${repository.uri} (${repository.created ? 'created now' : 'exists'}).`,
    `  The first image must come from there: its workflow calls universal-deploy.yml with service_name: ${project.name} and environment: ${environment.name},`,
    `  which builds and pushes the image to that repository, then applies this stack with it (deploy --image) and checks the rollout.`,
    '  Nothing else of this stack was applied.',
  ].join('\n');
}
