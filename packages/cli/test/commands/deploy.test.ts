import { existsSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { deploy } from '../../src/commands/deploy';
import { CommandError } from '../../src/errors';
import type { StateJson } from '../../src/terraform/terraform';
import { testContext, useFakeAws } from '../support/aws-context';
import type { FakeAws } from '../support/fake-aws';
import { fakePolling } from '../support/fake-polling';
import { PROD_DEPLOY_JOB } from '../support/github-context';
import { COMMIT, scriptedRunner, type Script } from '../support/scripted-runner';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

const REPO = 'dp-ticketing-api-dev';
const URI = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${REPO}`;
const DIGEST = `sha256:${'e'.repeat(64)}`;
const SERVICE = 'dp-ticketing-api';
const CLUSTER = 'arn:aws:ecs:eu-west-1:111111111111:cluster/data-platform-dev';
const TD = (revision: number) => `arn:aws:ecs:eu-west-1:111111111111:task-definition/dp-ticketing-api-dev:${revision}`;
/** The fake clock's start (fake-polling), in the epoch seconds ECS's JSON uses. */
const T0 = Date.parse('2026-03-01T10:00:00Z') / 1000;

const PLAN = {
  resource_changes: [
    { address: 'aws_ecs_task_definition.TaskDefinition', type: 'aws_ecs_task_definition', change: { actions: ['delete', 'create'] } },
    { address: 'aws_ecs_service.Service', type: 'aws_ecs_service', change: { actions: ['update'] } },
  ],
};

const STATE: StateJson = {
  values: {
    root_module: {
      resources: [
        { address: 'aws_ecs_service.Service', mode: 'managed', type: 'aws_ecs_service', name: 'Service', values: { name: SERVICE, cluster: CLUSTER, task_definition: TD(8) } },
        { address: 'aws_ecs_task_definition.TaskDefinition', mode: 'managed', type: 'aws_ecs_task_definition', name: 'TaskDefinition', values: { arn: TD(8), container_definitions: '[]' } },
      ],
    },
  },
};

function deployment(status: string, revision: number, rolloutState: string, running: number, reason = '') {
  return { id: `ecs-svc/${revision}`, status, taskDefinition: TD(revision), desiredCount: 1, runningCount: running, pendingCount: 1 - running, failedTasks: 0, rolloutState, rolloutStateReason: reason, createdAt: T0 };
}
function service(deployments: unknown[], events: Array<[number, string]> = []) {
  return {
    serviceName: SERVICE,
    clusterArn: CLUSTER,
    status: 'ACTIVE',
    desiredCount: 1,
    deployments,
    events: events.map(([seconds, message], i) => ({ id: `event-${seconds}-${i}`, createdAt: T0 + seconds, message })),
  };
}

/** ECS rolls the new task definition out: in progress, then completed. */
function rolloutCompletes(aws: FakeAws): void {
  aws.serviceStates.set(SERVICE, [
    service([deployment('PRIMARY', 8, 'IN_PROGRESS', 0), deployment('ACTIVE', 7, 'COMPLETED', 1)], [[5, `(service ${SERVICE}) has started 1 tasks: (task 1a2b).`]]),
    service([deployment('PRIMARY', 8, 'COMPLETED', 1)], [[5, `(service ${SERVICE}) has started 1 tasks: (task 1a2b).`], [40, `(service ${SERVICE}) has reached a steady state.`]]),
  ]);
}

describe('deploy', () => {
  const { aws, workspace } = useFakeAws();

  /** A working deploy: the repository exists, a push makes the image appear in it, the state holds the service. */
  function script(overrides: Partial<Script> = {}): Script {
    return {
      plan: PLAN,
      state: STATE,
      onPush: (reference) => aws.repositories.get(REPO)?.images.set(reference.slice(reference.lastIndexOf(':') + 1), DIGEST),
      ...overrides,
    };
  }

  test('deploy - service: builds and pushes the commit image, plans it pinned by digest, applies the saved plan, waits for the rollout', async () => {
    aws.addRepository(REPO);
    rolloutCompletes(aws);
    const stack = pipelineStack(workspace().root, { mode: 'service' });
    const runner = scriptedRunner(script());
    const ctx = testContext(runner, workspace().root);

    await deploy(stack, ctx);

    expect(runner.steps()).toEqual([
      'git rev-parse',
      'git status',
      'terraform init',
      'docker build',
      'docker login',
      'docker push',
      'terraform plan',
      'terraform show',
      'terraform apply',
      'terraform show',
    ]);
    const appDir = join(stack.project.dir, 'app');
    expect(runner.calls[3]!.args).toEqual([
      'build', '--platform', 'linux/arm64', '--label', `org.opencontainers.image.revision=${COMMIT}`,
      '--build-context', `runtime=${join(workspace().root, 'packages', 'pipeline-runtime')}`, '-f', join(appDir, 'Dockerfile'),
      '-t', `${URI}:${COMMIT}`, appDir,
    ]);
    expect(runner.lines()[6]).toBe(`terraform plan -input=false -no-color -lock-timeout=5m -out=ticketing-api-dev.tfplan -detailed-exitcode -var image=${URI}@${DIGEST}`);
    expect(runner.lines()[8]).toBe('terraform apply -input=false -no-color -lock-timeout=5m ticketing-api-dev.tfplan');
    expect(aws.operations()).toEqual([
      'sts:GetCallerIdentity',
      's3:HeadBucket',
      'ecr:DescribeRepositories',
      'ecr:DescribeImages',
      'ecr:GetAuthorizationToken',
      'ecr:DescribeImages',
      'ecs:DescribeServices',
      'ecs:DescribeServices',
    ]);
    expect(JSON.parse(aws.requests[6]!.body)).toEqual({ cluster: CLUSTER, services: [SERVICE] });
    expect(ctx.report.steps).toEqual(
      expect.arrayContaining([
        `image ${URI}@${DIGEST} (tag ${COMMIT}, linux/arm64): built and pushed`,
        'terraform plan: 0 to add, 1 to change, 1 to replace, 0 to destroy (saved as ticketing-api-dev.tfplan)',
        `${SERVICE}: (service ${SERVICE}) has started 1 tasks: (task 1a2b).`,
        `${SERVICE}: rollout IN_PROGRESS on dp-ticketing-api-dev:8: 0/1 running (0s)`,
        `${SERVICE}: (service ${SERVICE}) has reached a steady state.`,
        'service rollout: COMPLETED on dp-ticketing-api-dev:8, 1 running (10s)',
      ]),
    );
    expect(ctx.report.summaries).toEqual([`ticketing-api-dev: deployed running ${URI}@${DIGEST} (0 to add, 1 to change, 1 to replace, 0 to destroy). The service runs the new task definition.`]);
  });

  test('deploy - the registry password goes to docker login on stdin only, in a temporary DOCKER_CONFIG removed afterwards', async () => {
    aws.addRepository(REPO);
    rolloutCompletes(aws);
    const runner = scriptedRunner(script());
    await deploy(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root));

    const login = runner.calls.find((c) => c.command === 'docker' && c.args[0] === 'login')!;
    const push = runner.calls.find((c) => c.command === 'docker' && c.args[0] === 'push')!;
    expect(login.args).toEqual(['login', '--username', 'AWS', '--password-stdin', '111111111111.dkr.ecr.eu-west-1.amazonaws.com']);
    expect(login.input).toBe(aws.registryPassword);
    expect(runner.calls.filter((c) => c !== login).every((c) => c.input === undefined || c.input === '')).toBe(true);
    expect(runner.lines().join('\n')).not.toContain(aws.registryPassword);
    expect(Object.values(login.env).join('\n')).not.toContain(aws.registryPassword);
    expect(login.env.DOCKER_CONFIG).toBeDefined();
    expect(push.env.DOCKER_CONFIG).toBe(login.env.DOCKER_CONFIG);
    expect(login.dockerConfigExisted && push.dockerConfigExisted).toBe(true);
    expect(existsSync(login.env.DOCKER_CONFIG!)).toBe(false);
  });

  test('deploy - creates a missing ECR repository by a targeted apply before building', async () => {
    rolloutCompletes(aws);
    const runner = scriptedRunner(script({ onTargetedApply: () => aws.addRepository(REPO) }));
    const ctx = testContext(runner, workspace().root);
    await deploy(pipelineStack(workspace().root, { mode: 'service' }), ctx);

    expect(runner.steps().slice(2, 5)).toEqual(['terraform init', 'terraform apply', 'docker build']);
    expect(runner.lines()[3]).toBe(
      `terraform apply -input=false -no-color -lock-timeout=5m -auto-approve -var image=${URI}@sha256:${'0'.repeat(64)} -target=aws_ecr_repository.Repository`,
    );
    expect(ctx.report.steps).toContain(`ECR repository ${URI}: created (targeted apply of aws_ecr_repository.Repository)`);
  });

  test('deploy - idempotent: an image of the commit already in ECR is not rebuilt, and an unchanged stack is not applied', async () => {
    aws.addRepository(REPO).images.set(COMMIT, DIGEST);
    aws.serviceStates.set(SERVICE, [service([deployment('PRIMARY', 8, 'COMPLETED', 1)])]);
    const runner = scriptedRunner(script({ planExit: 0 }));
    const ctx = testContext(runner, workspace().root);
    await deploy(pipelineStack(workspace().root, { mode: 'service' }), ctx);

    expect(runner.steps()).toEqual(['git rev-parse', 'git status', 'terraform init', 'terraform plan', 'terraform show', 'terraform show']);
    expect(runner.lines()[3]).toContain(`-var image=${URI}@${DIGEST}`);
    expect(ctx.report.steps).toContain(`image ${URI}@${DIGEST} (tag ${COMMIT}, linux/arm64): already in ECR, not rebuilt`);
    expect(ctx.report.steps).toContain('terraform apply: skipped (the plan has no changes)');
    expect(ctx.report.summaries[0]).toContain('(no changes)');
  });

  test('deploy - fails loudly when the circuit breaker rolled the service back, though apply succeeded', async () => {
    aws.addRepository(REPO);
    aws.serviceStates.set(SERVICE, [
      service([deployment('PRIMARY', 8, 'IN_PROGRESS', 0), deployment('ACTIVE', 7, 'COMPLETED', 1)]),
      service(
        [deployment('PRIMARY', 7, 'IN_PROGRESS', 1), deployment('ACTIVE', 8, 'FAILED', 0, 'ECS deployment circuit breaker: task failed to start.')],
        [[60, `(service ${SERVICE}) (deployment ecs-svc/8) deployment failed: tasks failed to start.`], [61, `(service ${SERVICE}) rolling back to deployment ecs-svc/7.`]],
      ),
    ]);
    const runner = scriptedRunner(script());
    const error = (await deploy(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;

    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toContain('deploy ticketing-api-dev failed at "service rollout":');
    expect(error.message).toContain(
      `ticketing-api-dev: terraform apply succeeded, but the ECS deployment of ${TD(8)} FAILED and the circuit breaker rolled service ${SERVICE} back to ${TD(7)}. ` +
        'The new image does not run: ECS deployment circuit breaker: task failed to start.',
    );
    expect(error.message).toMatch(/\ndone:\n {2}- account guard: .*\n(?: {2}- .*\n)* {2}- terraform apply: applied ticketing-api-dev\.tfplan .*\nnot done: service rollout\n/);
    expect(runner.steps()).toContain('terraform apply');
  });

  test('deploy - fails when the rollout itself FAILED on the new task definition', async () => {
    aws.addRepository(REPO);
    aws.serviceStates.set(SERVICE, [service([deployment('PRIMARY', 8, 'FAILED', 0, 'tasks failed to start')])]);
    const runner = scriptedRunner(script());
    await expect(deploy(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root))).rejects.toThrow(
      `ticketing-api-dev: the ECS deployment of ${TD(8)} to service ${SERVICE} FAILED: tasks failed to start`,
    );
  });

  test('deploy - gives up waiting after the rollout timeout and says the rollout may still end either way', async () => {
    aws.addRepository(REPO);
    aws.serviceStates.set(SERVICE, [service([deployment('PRIMARY', 8, 'IN_PROGRESS', 0)])]);
    const runner = scriptedRunner(script());
    const ctx = { ...testContext(runner, workspace().root), polling: fakePolling({ intervalMs: 60_000, rolloutTimeoutMs: 5 * 60_000 }) };
    await expect(deploy(pipelineStack(workspace().root, { mode: 'service' }), ctx)).rejects.toThrow(
      `ticketing-api-dev: service ${SERVICE} did not finish its rollout within 5 minutes (last seen: IN_PROGRESS on dp-ticketing-api-dev:8: 0/1 running)`,
    );
    expect(aws.operations().filter((o) => o === 'ecs:DescribeServices')).toHaveLength(6);
  });

  test.each([
    ['docker build', 'image', 'ERROR: failed to solve: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully', 'image; terraform plan; terraform apply; service rollout'],
    ['docker push', 'image', 'denied: User is not authorized to perform: ecr:InitiateLayerUpload', 'image; terraform plan; terraform apply; service rollout'],
    ['terraform plan', 'terraform plan', 'Error: Invalid value for variable', 'terraform plan; terraform apply; service rollout'],
    ['terraform apply plan', 'terraform apply', 'Error: updating ECS Service: ServiceNotActiveException', 'terraform apply; service rollout'],
    ['terraform init', 'terraform init', 'Error: Failed to get existing workspaces', 'terraform init; ECR repository; image; terraform plan; terraform apply; service rollout'],
  ] as const)('deploy - when %s fails, says where it stopped, what was done and what was not', async (failing, step, stderr, notDone) => {
    aws.addRepository(REPO);
    rolloutCompletes(aws);
    const runner = scriptedRunner(script({ fail: { [failing]: stderr } }));
    const error = (await deploy(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;

    expect(error).toBeInstanceOf(CommandError);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`deploy ticketing-api-dev failed at "${step}":`);
    expect(error.message).toContain(stderr);
    expect(lines[lines.indexOf('done:') + 1]).toMatch(/^ {2}- account guard: 111111111111 /);
    expect(lines.find((l) => l.startsWith('not done: '))).toBe(`not done: ${notDone}`);
    expect(lines.at(-1)).toMatch(/^Fix the cause, then run deploy again: it is idempotent/);
    const after = runner.steps().slice(runner.steps().findIndex((s) => s === failing.split(' ').slice(0, 2).join(' ')) + 1);
    if (failing !== 'terraform apply plan') expect(after).not.toContain('terraform apply');
  });

  test('deploy - refuses a dirty work tree for prod before anything touches AWS', async () => {
    const runner = scriptedRunner(script({ changes: [' M pipelines/ticketing-api/app/main.py'] }));
    const error = (await deploy(pipelineStack(workspace().root, { mode: 'service', environment: 'prod' }), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe(
      'ticketing-api-prod: refusing to deploy to prod from a work tree with uncommitted changes; prod images must be a commit. ' +
        'Commit or stash these, then deploy again:\n   M pipelines/ticketing-api/app/main.py',
    );
    expect(runner.steps()).toEqual(['git rev-parse', 'git status']);
    expect(aws.requests).toEqual([]);
  });

  test('deploy - a dirty work tree in dev gets a -dirty tag, never the commit tag', async () => {
    aws.addRepository(REPO).images.set(COMMIT, `sha256:${'f'.repeat(64)}`);
    rolloutCompletes(aws);
    const runner = scriptedRunner(script({ changes: ['?? app/new.py'] }));
    await deploy(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root));
    const build = runner.calls.find((c) => c.args[0] === 'build')!;
    expect(build.args).toContain(`${URI}:${COMMIT}-dirty-20260301t100000z`);
    expect(runner.lines().find((l) => l.startsWith('terraform plan'))).toContain(`-var image=${URI}@${DIGEST}`);
  });

  test('deploy - scheduled pipeline: no rollout to wait for, and it says how to run it now', async () => {
    aws.addRepository(REPO);
    const runner = scriptedRunner(script());
    const ctx = testContext(runner, workspace().root);
    await deploy(pipelineStack(workspace().root, { mode: 'schedule', cpuArchitecture: 'X86_64' }), ctx);

    expect(runner.steps().at(-1)).toBe('terraform apply');
    expect(runner.calls.find((c) => c.args[0] === 'build')!.args.slice(0, 3)).toEqual(['build', '--platform', 'linux/amd64']);
    expect(aws.operations()).not.toContain('ecs:DescribeServices');
    expect(ctx.report.summaries[0]).toContain('It runs on its schedule; start one run now with `npx nx run ticketing-api:run -c dev`.');
  });

  test('deploy - shared stack: guard, init, plan, apply; no image', async () => {
    const runner = scriptedRunner({ plan: PLAN });
    await deploy(sharedStack(workspace().root), testContext(runner, workspace().root));
    expect(runner.steps()).toEqual(['terraform init', 'terraform plan', 'terraform show', 'terraform apply']);
    expect(runner.lines()[1]).not.toContain('-var');
  });

  test('deploy - checks the pipeline folder first: an app/ folder without main.py or a Dockerfile, or a stack without the image variable', async () => {
    const stack = pipelineStack(workspace().root, { mode: 'service' });
    rmSync(join(stack.project.dir, 'app', 'Dockerfile'));
    const runner = scriptedRunner(script());
    await expect(deploy(stack, testContext(runner, workspace().root))).rejects.toThrow(
      `ticketing-api-dev: ${join(stack.project.dir, 'app')} holds neither main.py nor a Dockerfile; a pipeline's image is built from its app/ folder, ` +
        "with the platform's standard Dockerfile (which runs `python main.py`) or the app's own app/Dockerfile.",
    );
    await expect(deploy(pipelineStack(workspace().root, { mode: 'service', imageVariable: false }), testContext(runner, workspace().root))).rejects.toThrow(
      'ticketing-api-dev declares no Terraform variable "image"',
    );
    expect(runner.calls).toEqual([]);
    expect(aws.requests).toEqual([]);
  });

  describe('--image: an image already pushed, deployed as given', () => {
    const GIVEN = `${URI}@${DIGEST}`;

    test.each([
      ['without app/ (its code lives in its own repository)', false],
      ['with app/', true],
    ])('deploy --image - pipeline %s: nothing built, the digest checked in ECR, planned pinned to it, applied, rollout checked', async (_, withApp) => {
      aws.addRepository(REPO).images.set('c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ff', DIGEST);
      rolloutCompletes(aws);
      const runner = scriptedRunner(script());
      const ctx = testContext(runner, workspace().root);

      await deploy(pipelineStack(workspace().root, { mode: 'service', withApp }), ctx, { image: GIVEN });

      expect(runner.steps()).toEqual(['terraform init', 'terraform plan', 'terraform show', 'terraform apply', 'terraform show']);
      expect(runner.calls.filter((c) => c.command === 'docker' || c.command === 'git')).toEqual([]);
      expect(runner.lines()[1]).toBe(`terraform plan -input=false -no-color -lock-timeout=5m -out=ticketing-api-dev.tfplan -detailed-exitcode -var image=${GIVEN}`);
      expect(runner.lines()[3]).toBe('terraform apply -input=false -no-color -lock-timeout=5m ticketing-api-dev.tfplan');
      expect(aws.operations()).toEqual([
        'sts:GetCallerIdentity',
        's3:HeadBucket',
        'ecr:DescribeRepositories',
        'ecr:DescribeImages',
        'ecs:DescribeServices',
        'ecs:DescribeServices',
      ]);
      expect(JSON.parse(aws.requests[3]!.body)).toEqual({ repositoryName: REPO, imageIds: [{ imageDigest: DIGEST }] });
      expect(ctx.report.steps).toContain(`image ${GIVEN}: in ECR repository ${REPO}, deployed as given (--image), nothing built`);
      expect(ctx.report.steps).toContain('service rollout: COMPLETED on dp-ticketing-api-dev:8, 1 running (10s)');
      expect(ctx.report.summaries).toEqual([`ticketing-api-dev: deployed running ${GIVEN} (0 to add, 1 to change, 1 to replace, 0 to destroy). The service runs the new task definition.`]);
    });

    test('deploy --image - a scheduled pipeline: applied, no rollout to wait for', async () => {
      aws.addRepository(REPO).images.set('v1', DIGEST);
      const runner = scriptedRunner(script());
      const ctx = testContext(runner, workspace().root);
      await deploy(pipelineStack(workspace().root, { mode: 'schedule', withApp: false }), ctx, { image: GIVEN });
      expect(runner.steps()).toEqual(['terraform init', 'terraform plan', 'terraform show', 'terraform apply']);
      expect(aws.operations()).not.toContain('ecs:DescribeServices');
      expect(ctx.report.summaries[0]).toContain(`ticketing-api-dev: deployed running ${GIVEN} (`);
    });

    test.each([
      ['a tag instead of a digest', `${URI}:latest`, 'bad'],
      ['a tag and a digest', `${URI}:v1@${DIGEST}`, 'bad'],
      ['a short digest', `${URI}@sha256:abc123`, 'bad'],
      ['no registry', `${REPO}@${DIGEST}`, 'bad'],
      ['another pipeline\'s repository', `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-shopify-products-dev@${DIGEST}`, 'other'],
      ['the prod repository, deploying dev', `222222222222.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-prod@${DIGEST}`, 'other'],
    ])('deploy --image - refuses %s before anything touches AWS', async (_, image, kind) => {
      aws.addRepository(REPO).images.set('v1', DIGEST);
      const runner = scriptedRunner(script());
      const error = (await deploy(pipelineStack(workspace().root, { mode: 'service', withApp: false }), testContext(runner, workspace().root), { image }).catch((e: unknown) => e)) as Error;

      expect(error).toBeInstanceOf(CommandError);
      expect(error.message).toBe(
        kind === 'bad'
          ? `ticketing-api-dev: --image is ${JSON.stringify(image)}; expected an image of this pipeline pinned by digest, ${URI}@sha256:<64 hex digits> ` +
              '(the digest docker push or docker/build-push-action prints). A tag is not accepted: the task definition is pinned by digest, and a tag can be moved.'
          : `ticketing-api-dev: --image ${image} is not in this pipeline's ECR repository ${URI}; only an image pushed there can be deployed to ticketing-api-dev. ` +
              `Push the image to ${URI} and pass ${URI}@sha256:<digest>.`,
      );
      expect(runner.calls).toEqual([]);
      expect(aws.requests).toEqual([]);
    });

    test('deploy --image - refuses a repository of the same name in another account, as ECR names it, before planning', async () => {
      aws.addRepository(REPO).images.set('v1', DIGEST);
      const elsewhere = `222222222222.dkr.ecr.eu-west-1.amazonaws.com/${REPO}@${DIGEST}`;
      const runner = scriptedRunner(script());
      const error = (await deploy(pipelineStack(workspace().root, { mode: 'service', withApp: false }), testContext(runner, workspace().root), { image: elsewhere }).catch((e: unknown) => e)) as Error;

      expect(error.message.split('\n').slice(0, 2)).toEqual([
        'deploy ticketing-api-dev failed at "image":',
        `ticketing-api-dev: --image ${elsewhere} is not in this pipeline's ECR repository ${URI}; only an image pushed there can be deployed to ticketing-api-dev. ` +
          `Push the image to ${URI} and pass ${URI}@sha256:<digest>.`,
      ]);
      expect(runner.steps()).toEqual(['terraform init']);
      expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket', 'ecr:DescribeRepositories']);
    });

    test('deploy --image - refuses a digest ECR does not have: nothing planned or applied', async () => {
      aws.addRepository(REPO).images.set('v1', `sha256:${'f'.repeat(64)}`);
      const runner = scriptedRunner(script());
      const error = (await deploy(pipelineStack(workspace().root, { mode: 'service', withApp: false }), testContext(runner, workspace().root), { image: GIVEN }).catch((e: unknown) => e)) as Error;

      expect(error).toBeInstanceOf(CommandError);
      const lines = error.message.split('\n');
      expect(lines.slice(0, 2)).toEqual([
        'deploy ticketing-api-dev failed at "image":',
        `ticketing-api-dev: ECR repository ${REPO} has no image with digest ${DIGEST} (--image ${GIVEN}). Push the image first, then deploy it with the digest the push printed.`,
      ]);
      expect(lines.find((l) => l.startsWith('not done: '))).toBe('not done: image; terraform plan; terraform apply; service rollout');
      expect(runner.steps()).toEqual(['terraform init']);
      expect(aws.operations().slice(-1)).toEqual(['ecr:DescribeImages']);
      expect(JSON.parse(aws.requests.at(-1)!.body)).toEqual({ repositoryName: REPO, imageIds: [{ imageDigest: DIGEST }] });
    });

    test('deploy --image - refuses when the pipeline has no ECR repository yet, and says how to create it', async () => {
      const runner = scriptedRunner(script());
      await expect(deploy(pipelineStack(workspace().root, { mode: 'service', withApp: false }), testContext(runner, workspace().root), { image: GIVEN })).rejects.toThrow(
        `ticketing-api-dev: ECR repository ${REPO} does not exist, so no image can have been pushed to it. Deploy once without --image ` +
          '(`npx nx run ticketing-api:deploy -c dev`), which creates the repository; then push the image and deploy it with --image.',
      );
      expect(runner.steps()).toEqual(['terraform init']);
    });

    test('deploy --image - a stack that is not a pipeline: one clear error, nothing touched', async () => {
      const runner = scriptedRunner({ plan: PLAN });
      const error = (await deploy(sharedStack(workspace().root), testContext(runner, workspace().root), { image: GIVEN }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(CommandError);
      expect(error.message).toBe(
        `--image is for pipeline stacks only: shared-dev has no aws_ecr_repository, so it runs no image of its own (received --image "${GIVEN}"). Deploy it without --image.`,
      );
      expect(runner.calls).toEqual([]);
      expect(aws.requests).toEqual([]);
    });
  });

  describe('a pipeline without app/: its image is built in its own repository', () => {
    const DEPLOYED = `${URI}@sha256:${'d'.repeat(64)}`;
    const running = (image: string): StateJson => ({
      values: {
        root_module: {
          resources: [
            STATE.values!.root_module!.resources![0]!,
            {
              address: 'aws_ecs_task_definition.TaskDefinition',
              mode: 'managed',
              type: 'aws_ecs_task_definition',
              name: 'TaskDefinition',
              values: { arn: TD(8), container_definitions: JSON.stringify([{ name: 'app', image }]) },
            },
          ],
        },
      },
    });

    test('deploy - keeps the image deployed now: no git, no docker; plans and applies the stack with it, checks the rollout', async () => {
      aws.addRepository(REPO).images.set('c0ffee', `sha256:${'d'.repeat(64)}`);
      rolloutCompletes(aws);
      const runner = scriptedRunner(script({ state: running(DEPLOYED) }));
      const ctx = testContext(runner, workspace().root);

      await deploy(pipelineStack(workspace().root, { mode: 'service', withApp: false }), ctx);

      expect(runner.steps()).toEqual(['terraform init', 'terraform show', 'terraform plan', 'terraform show', 'terraform apply', 'terraform show']);
      expect(runner.calls.filter((c) => c.command === 'docker' || c.command === 'git')).toEqual([]);
      expect(runner.lines()[2]).toContain(`-detailed-exitcode -var image=${DEPLOYED}`);
      expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket', 'ecr:DescribeRepositories', 'ecs:DescribeServices', 'ecs:DescribeServices']);
      expect(ctx.report.steps).toContain(`image ${DEPLOYED}: the image deployed now, kept (built in the pipeline's own repository; universal-deploy deploys new ones)`);
      expect(ctx.report.summaries).toEqual([`ticketing-api-dev: deployed running ${DEPLOYED} (0 to add, 1 to change, 1 to replace, 0 to destroy). The service runs the new task definition.`]);
    });

    test('deploy - in prod too, whatever the work tree: there is nothing to build from it', async () => {
      const prodUri = `222222222222.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-prod`;
      aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/deployer/ci' };
      aws.buckets.set('data-platform-tfstate-222222222222', { region: 'eu-west-1', owner: '222222222222', versioning: 'Enabled' });
      aws.addRepository('dp-ticketing-api-prod');
      const runner = scriptedRunner(script({ state: running(`${prodUri}@sha256:${'d'.repeat(64)}`), changes: [' M README.md'] }));
      await deploy(pipelineStack(workspace().root, { mode: 'schedule', withApp: false, environment: 'prod' }), { ...testContext(runner, workspace().root), env: PROD_DEPLOY_JOB });
      expect(runner.steps()).toEqual(['terraform init', 'terraform show', 'terraform plan', 'terraform show', 'terraform apply']);
      expect(runner.lines()[2]).toContain(`-var image=${prodUri}@sha256:${'d'.repeat(64)}`);
    });

    test('deploy - throws for a protected environment outside the deploy workflow, before any AWS call', async () => {
      const runner = scriptedRunner(script({ state: {} }));
      const error = (await deploy(pipelineStack(workspace().root, { mode: 'schedule', withApp: false, environment: 'prod' }), {
        ...testContext(runner, workspace().root),
        env: { ...PROD_DEPLOY_JOB, GITHUB_WORKFLOW_REF: 'acme-data/data-platform/.github/workflows/ci.yml@refs/heads/main', DATA_PLATFORM_DEPLOY_WORKFLOW: undefined },
      }).catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(
        /^ticketing-api-prod: environment "prod" is protected: deploy runs only in the deploy workflow on one of its deploy sources \(acme-data\/data-platform \(GitHub environment prod\)\), and GITHUB_WORKFLOW_REF is "acme-data\/data-platform\/\.github\/workflows\/ci\.yml@refs\/heads\/main", which is not deploy\.yml or universal-deploy\.yml of acme-data\/data-platform\. Nothing was touched\./,
      );
      expect(runner.calls).toEqual([]);
      expect(aws.requests).toEqual([]);
    });

    test('deploy - break-glass: announced first, then terraform runs on the break-glass session', async () => {
      const prodUri = `222222222222.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-prod`;
      const onCall = 'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OnCall_0123456789abcdef';
      aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_OnCall_0123456789abcdef/alice@example.com' };
      aws.buckets.set('data-platform-tfstate-222222222222', { region: 'eu-west-1', owner: '222222222222', versioning: 'Enabled' });
      aws.parameters.set('/data-platform/prod/shared/alerts-topic-arn', { type: 'String', value: 'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-prod' });
      aws.addRepository('dp-ticketing-api-prod');
      const stack = pipelineStack(workspace().root, { mode: 'schedule', withApp: false, environment: 'prod' });
      const guarded = { ...stack, environment: { ...stack.environment, breakGlass: { assumedBy: [onCall] } } };
      const runner = scriptedRunner(script({ state: running(`${prodUri}@sha256:${'d'.repeat(64)}`) }));
      await deploy(guarded, { ...testContext(runner, workspace().root), env: {} }, { breakGlass: 'INC-42: restore the hourly schedule now' });
      expect(aws.operations().slice(0, 5)).toEqual(['sts:GetCallerIdentity', 'sts:AssumeRole', 'ssm:GetParameter', 'sns:Publish', 'sts:GetCallerIdentity']);
      expect(aws.published).toHaveLength(1);
      expect(runner.steps()).toEqual(['terraform init', 'terraform show', 'terraform plan', 'terraform show', 'terraform apply']);
      for (const call of runner.calls) expect(call.env.AWS_ACCESS_KEY_ID).toBe('ASIAFAKESESSION00001');
    });

    test.each([
      ['created now', false],
      ['exists', true],
    ])('deploy - never deployed: the ECR repository (%s), then a loud notice that the first image comes from universal-deploy; exit 0, nothing else applied', async (how, exists) => {
      if (exists) aws.addRepository(REPO);
      const runner = scriptedRunner(script({ state: {}, onTargetedApply: () => aws.addRepository(REPO) }));
      const ctx = testContext(runner, workspace().root);
      const stack = pipelineStack(workspace().root, { mode: 'service', withApp: false });

      await expect(deploy(stack, ctx)).resolves.toBeUndefined();

      expect(runner.steps()).toEqual(exists ? ['terraform init', 'terraform show'] : ['terraform init', 'terraform apply', 'terraform show']);
      if (!exists) expect(runner.lines()[1]).toBe(`terraform apply -input=false -no-color -lock-timeout=5m -auto-approve -var image=${URI}@sha256:${'0'.repeat(64)} -target=aws_ecr_repository.Repository`);
      expect(runner.steps()).not.toContain('terraform plan');
      expect(runner.calls.filter((c) => c.command === 'docker' || c.command === 'git')).toEqual([]);
      expect(ctx.report.steps).toContain('image: none deployed yet (built in the pipeline\'s own repository)');
      expect(ctx.report.summaries).toEqual([
        [
          'NOTICE: ticketing-api-dev is not deployed yet: no image of ticketing-api has been deployed to dev.',
          `  ${join(stack.project.dir, 'app')} does not exist: this pipeline's code, and its image, live in the pipeline's own repository.`,
          `  ECR repository: ${URI} (${how}).`,
          '  The first image must come from there: its workflow calls universal-deploy.yml with service_name: ticketing-api and environment: dev,',
          '  which builds and pushes the image to that repository, then applies this stack with it (deploy --image) and checks the rollout.',
          '  Nothing else of this stack was applied.',
        ].join('\n'),
      ]);
    });
  });
});
