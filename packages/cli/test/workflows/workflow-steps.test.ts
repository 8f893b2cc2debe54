/**
 * The shell scripts of the workflows, run for real by bash with stand-ins for aws, gh, curl and
 * sleep: the rollout check, the task definition rendering, the deploy base, Slack, the fork notice.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTemporaryFolders, runStep, temporaryFolder } from './run-step';
import { parseWorkflow, readWorkflows, stepNamed, type Step } from './workflow-policy';

const workflows = readWorkflows();
afterAll(removeTemporaryFolders);
const step = (file: string, job: string, name: string): Step => stepNamed(parseWorkflow(workflows.get(file)!).jobs[job], name);
const script = (s: Step): string => {
  if (!s.run) throw new Error(`step ${s.name} has no script`);
  return s.run;
};

const NEW = 'arn:aws:ecs:eu-west-1:111111111111:task-definition/dp-ticketing-api-dev:8';
const OLD = 'arn:aws:ecs:eu-west-1:111111111111:task-definition/dp-ticketing-api-dev:7';
const UNIVERSAL_ENV = {
  SERVICE_NAME: 'ticketing-api',
  ENVIRONMENT: 'dev',
  KIND: 'service',
  CLUSTER: 'data-platform-dev',
  PIPELINE: 'dp-ticketing-api-dev',
  CONTAINER: 'app',
  COMMIT: '0123456789abcdef0123456789abcdef01234567',
};

/** What `describe-services --query 'services[0].deployments[?status==`PRIMARY`] | [0]'` prints. */
const primary = (taskDefinition: string, rolloutState: string, rolloutStateReason = '') => ({
  stdout: JSON.stringify({ id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition, rolloutState, rolloutStateReason }),
});

describe('universal-deploy.yml: Check the rollout', () => {
  const check = script(step('universal-deploy.yml', 'deploy', 'Check the rollout'));
  const env = { ...UNIVERSAL_ENV, TASK_DEFINITION: NEW, WAIT_MINUTES: '30' };

  test('Check the rollout - passes once the new revision is PRIMARY and COMPLETED', () => {
    const run = runStep(check, {
      env,
      stubs: {
        aws: [primary(NEW, 'IN_PROGRESS', 'ECS deployment ecs-svc/1 in progress.'), primary(NEW, 'COMPLETED', 'ECS deployment ecs-svc/1 completed.')],
        sleep: [{}],
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Rollout of ${NEW} completed`);
    expect(run.calls.aws).toHaveLength(2);
    expect(run.calls.aws[0].args).toEqual([
      'ecs', 'describe-services', '--cluster', 'data-platform-dev', '--services', 'dp-ticketing-api-dev',
      '--query', 'services[0].deployments[?status==`PRIMARY`] | [0]', '--output', 'json',
    ]);
    expect(run.calls.sleep.map((c) => c.args)).toEqual([['15']]);
  });

  test('Check the rollout - fails when the circuit breaker rolled back to the previous revision', () => {
    const run = runStep(check, {
      env,
      stubs: {
        aws: [primary(NEW, 'IN_PROGRESS'), primary(OLD, 'COMPLETED', 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/0.')],
        sleep: [{}],
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `::error title=Rolled back::dp-ticketing-api-dev in data-platform-dev runs ${OLD}, not ${NEW}: the deployment failed and ECS rolled it back. ECS deployment circuit breaker`,
    );
  });

  test('Check the rollout - fails on a FAILED rollout, and when it outlives its time', () => {
    const failed = runStep(check, { env, stubs: { aws: [primary(NEW, 'FAILED', 'tasks failed to start')], sleep: [{}] } });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain('::error title=Rollout failed::dp-ticketing-api-dev: tasks failed to start');

    const late = runStep(check, { env: { ...env, WAIT_MINUTES: '0' }, stubs: { aws: [primary(NEW, 'IN_PROGRESS')], sleep: [{}] } });
    expect(late.exitCode).toBe(1);
    expect(late.stdout).toContain(`::error title=Rollout timed out::dp-ticketing-api-dev is still IN_PROGRESS after 0 minutes on ${NEW}.`);
  });

  test('Check the rollout - fails when ECS cannot be asked', () => {
    const run = runStep(check, { env, stubs: { aws: [{ stdout: '', exitCode: 255 }], sleep: [{}] } });
    expect(run.exitCode).not.toBe(0);
  });
});

describe('universal-deploy.yml: Render the task definition with the new image', () => {
  const render = script(step('universal-deploy.yml', 'deploy', 'Render the task definition with the new image'));
  const IMAGE = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev@sha256:${'a'.repeat(64)}`;
  /** The shape of `aws ecs describe-task-definition --include TAGS`. */
  const described = {
    taskDefinition: {
      taskDefinitionArn: OLD,
      family: 'dp-ticketing-api-dev',
      revision: 7,
      status: 'ACTIVE',
      taskRoleArn: 'arn:aws:iam::111111111111:role/dp-ticketing-api-dev-task',
      executionRoleArn: 'arn:aws:iam::111111111111:role/dp-ticketing-api-dev-execution',
      networkMode: 'awsvpc',
      containerDefinitions: [
        { name: 'app', image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev@sha256:${'0'.repeat(64)}`, essential: true },
        { name: 'log-router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0', essential: false },
      ],
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.task-iam-role' }],
      compatibilities: ['EC2', 'FARGATE'],
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      registeredAt: '2026-01-01T00:00:00.000Z',
      registeredBy: 'arn:aws:sts::111111111111:assumed-role/data-platform-deployer-dev/deploy',
    },
    tags: [{ key: 'project', value: 'ticketing-api' }],
  };

  test('Render - swaps the image of the app container only, drops what register refuses, keeps the tags', () => {
    const run = runStep(render, { env: { ...UNIVERSAL_ENV, IMAGE }, stubs: { aws: [{ stdout: JSON.stringify(described) }] } });
    expect(run.exitCode).toBe(0);
    expect(run.calls.aws[0].args).toEqual(['ecs', 'describe-task-definition', '--task-definition', 'dp-ticketing-api-dev', '--include', 'TAGS', '--output', 'json']);
    const rendered = JSON.parse(readFileSync(join(run.temp, 'task-definition.json'), 'utf8'));
    const { taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, registeredBy, ...kept } = described.taskDefinition;
    expect(rendered).toEqual({
      ...kept,
      containerDefinitions: [{ ...described.taskDefinition.containerDefinitions[0], image: IMAGE }, described.taskDefinition.containerDefinitions[1]],
      tags: described.tags,
    });
    expect([taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, registeredBy]).toHaveLength(7);
  });

  test('Render - fails naming the containers when the app container is missing', () => {
    const other = { ...described, taskDefinition: { ...described.taskDefinition, containerDefinitions: [{ name: 'web', image: 'x' }] } };
    const run = runStep(render, { env: { ...UNIVERSAL_ENV, IMAGE }, stubs: { aws: [{ stdout: JSON.stringify(other) }] } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error title=universal-deploy (ticketing-api)::the task definition dp-ticketing-api-dev has no container named app (it has ["web"]).');
  });
});

describe('universal-deploy.yml: Point the state machine at the new revision', () => {
  const point = script(step('universal-deploy.yml', 'deploy', 'Point the state machine at the new revision'));
  const machine = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-ticketing-api-dev';
  /** The shape standard-etl's scheduled run synthesizes: one runTask.sync state naming a revision. */
  const definition = (taskDefinition: string) => ({
    StartAt: 'Run',
    States: {
      Run: {
        Type: 'Task',
        Resource: 'arn:aws:states:::ecs:runTask.sync',
        Parameters: { Cluster: 'arn:aws:ecs:eu-west-1:111111111111:cluster/data-platform-dev', TaskDefinition: taskDefinition, LaunchType: 'FARGATE' },
        End: true,
      },
    },
  });
  const env = { ...UNIVERSAL_ENV, KIND: 'scheduled', TASK_DEFINITION: NEW, AWS_REGION: 'eu-west-1' };
  const caller = { stdout: 'arn:aws:sts::111111111111:assumed-role/data-platform-deployer-dev/universal-deploy-1-1\n' };

  test('State machine - its runTask state is pointed at the new revision, nothing else changes', () => {
    const run = runStep(point, { env, stubs: { aws: [caller, { stdout: `${JSON.stringify(definition(OLD))}\n` }, { stdout: '2026-01-01T00:00:00Z\n' }] } });
    expect(run.exitCode).toBe(0);
    expect(run.calls.aws.map((c) => c.args.slice(0, 2))).toEqual([['sts', 'get-caller-identity'], ['stepfunctions', 'describe-state-machine'], ['stepfunctions', 'update-state-machine']]);
    expect(run.calls.aws[1].args).toContain(machine);
    expect(run.calls.aws[2].args.slice(2, 6)).toEqual(['--state-machine-arn', machine, '--definition', `file://${join(run.temp, 'new-definition.json')}`]);
    expect(JSON.parse(readFileSync(join(run.temp, 'new-definition.json'), 'utf8'))).toEqual(definition(NEW));
    expect(run.stdout).toContain(`::notice title=Scheduled pipeline::the next run of dp-ticketing-api-dev starts ${NEW}.`);
  });

  test('State machine - fails, changing nothing, when it runs no revision of the family (an always-on pipeline)', () => {
    const other = definition('arn:aws:ecs:eu-west-1:111111111111:task-definition/dp-other-dev:3');
    const run = runStep(point, { env, stubs: { aws: [caller, { stdout: JSON.stringify(other) }, {}] } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error title=universal-deploy (ticketing-api)::the state machine dp-ticketing-api-dev runs no revision of');
    expect(run.calls.aws).toHaveLength(2);
  });
});

describe('universal-deploy.yml: Check the inputs', () => {
  const check = script(step('universal-deploy.yml', 'deploy', 'Check the inputs'));
  const role = 'arn:aws:iam::111111111111:role/data-platform-deployer-dev';

  test('Check the inputs - accepts a pipeline name, an environment, a kind and a role', () => {
    expect(runStep(check, { env: { ...UNIVERSAL_ENV, DEPLOY_ROLE_ARN: role } }).exitCode).toBe(0);
    expect(runStep(check, { env: { ...UNIVERSAL_ENV, KIND: 'scheduled', DEPLOY_ROLE_ARN: role } }).exitCode).toBe(0);
  });

  test.each<[Record<string, string>, string]>([
    [{ SERVICE_NAME: 'dp-Ticketing_API' }, 'service_name is "dp-Ticketing_API"; expected the pipeline\'s name as its folder under pipelines/'],
    [{ ENVIRONMENT: 'production-eu' }, 'environment is "production-eu"; expected an environment of the platform'],
    [{ KIND: 'cron' }, 'kind is "cron"; expected service (an always-on pipeline) or scheduled.'],
    [{ DEPLOY_ROLE_ARN: '' }, 'the secret DEPLOY_ROLE_ARN is missing or not a role ARN'],
  ])('Check the inputs - throws one clear error for %j', (bad, message) => {
    const run = runStep(check, { env: { ...UNIVERSAL_ENV, DEPLOY_ROLE_ARN: role, ...bad } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::error title=universal-deploy (${bad.SERVICE_NAME ?? 'ticketing-api'})::${message}`);
  });
});

describe('deploy.yml: Base of the comparison', () => {
  const base = script(step('deploy.yml', 'discover', 'base'));

  /** A repository with three commits on main; returns their ids, oldest first. */
  function repository(): { dir: string; commits: string[] } {
    const dir = temporaryFolder('deploy-base-');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '--quiet', '--initial-branch=main');
    const commits = ['one', 'two', 'three'].map((name) => {
      writeFileSync(join(dir, name), name);
      git('add', name);
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', name);
      return git('rev-parse', 'HEAD');
    });
    return { dir, commits };
  }

  test('Base - the last successful deploy when it is in the history', () => {
    const { dir, commits } = repository();
    const run = runStep(base, { cwd: dir, env: { BEFORE: commits[1], GITHUB_REPOSITORY: 'acme-data/data-platform' }, stubs: { gh: [{ stdout: `${commits[0]}\n` }] } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.base).toBe(commits[0]);
    expect(run.calls.gh[0].args).toEqual([
      'run', 'list', '--repo', 'acme-data/data-platform', '--workflow', 'deploy.yml', '--branch', 'main', '--event', 'push',
      '--status', 'success', '--limit', '1', '--json', 'headSha', '--jq', '.[0].headSha // empty',
    ]);
  });

  test('Base - the previous commit when no deploy succeeded, or the last one is not in this history', () => {
    const { dir, commits } = repository();
    expect(runStep(base, { cwd: dir, env: { BEFORE: commits[1] }, stubs: { gh: [{ stdout: '' }] } }).outputs.base).toBe(commits[1]);
    const rewritten = runStep(base, { cwd: dir, env: { BEFORE: commits[1] }, stubs: { gh: [{ stdout: 'f'.repeat(40) }] } });
    expect(rewritten.outputs.base).toBe(commits[1]);
  });

  test('Base - every project, said aloud, on the first push of a branch', () => {
    const { dir } = repository();
    const run = runStep(base, { cwd: dir, env: { BEFORE: '0'.repeat(40) }, stubs: { gh: [{ stdout: '' }] } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.base).toBe('');
    expect(run.stdout).toContain('::notice title=Deploying every project::');
  });
});

describe('deploy.yml: Post the outcome to Slack', () => {
  const notify = script(step('deploy.yml', 'notify', 'Post the outcome to Slack'));
  const results = (prod: string) =>
    JSON.stringify({
      discover: { result: 'success', outputs: {} },
      'dev-stacks': { result: 'skipped', outputs: {} },
      'dev-pipelines': { result: 'success', outputs: {} },
      'prod-stacks': { result: 'skipped', outputs: {} },
      'prod-pipelines': { result: prod, outputs: {} },
    });
  const env = {
    REPOSITORY: 'acme-data/data-platform',
    COMMIT: '0123456789abcdef0123456789abcdef01234567',
    COMMIT_MESSAGE: 'Add the ticketing pipeline\n\nWith its schedule; 100% of "runs" alerted',
    ACTOR: 'octocat',
    RUN_URL: 'https://github.com/acme-data/data-platform/actions/runs/42',
  };

  test('Slack - without the secret, says so loudly and posts nothing', () => {
    const run = runStep(notify, { env: { ...env, RESULTS: results('success'), SLACK_WEBHOOK_URL: '' }, stubs: { curl: [{}] } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('::warning title=No Slack message::the repository secret SLACK_WEBHOOK_URL is not set, so the outcome of this deploy (succeeded) was not posted to Slack.');
    expect(run.calls.curl).toEqual([]);
  });

  test('Slack - posts the outcome of every stage, as JSON built from untrusted text safely', () => {
    const run = runStep(notify, { env: { ...env, RESULTS: results('failure'), SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X' }, stubs: { curl: [{ stdout: 'ok' }] } });
    expect(run.exitCode).toBe(0);
    expect(run.calls.curl).toHaveLength(1);
    expect(run.calls.curl[0].args.at(-1)).toBe('https://hooks.slack.com/services/T/B/X');
    expect(JSON.parse(run.calls.curl[0].stdin)).toEqual({
      text:
        ':x: Deploy of acme-data/data-platform@0123456 by octocat failed: Add the ticketing pipeline\n' +
        'dev-stacks: skipped, dev-pipelines: success, prod-stacks: skipped, prod-pipelines: failure\n' +
        '<https://github.com/acme-data/data-platform/actions/runs/42|Workflow run>',
    });
  });

  test('Slack - a failed post fails the step', () => {
    const run = runStep(notify, { env: { ...env, RESULTS: results('success'), SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X' }, stubs: { curl: [{ exitCode: 22 }] } });
    expect(run.exitCode).toBe(22);
  });
});

describe('universal-deploy.yml: Post the outcome to Slack', () => {
  const notify = script(step('universal-deploy.yml', 'deploy', 'Post the outcome to Slack'));

  test('Slack - without the secret, says so and posts nothing; with it, names the pipeline and revision', () => {
    const env = { ...UNIVERSAL_ENV, STATUS: 'success', REPOSITORY: 'acme-data/ticketing-api', ACTOR: 'octocat', TASK_DEFINITION: NEW, RUN_URL: 'https://x/runs/1' };
    const silent = runStep(notify, { env: { ...env, SLACK_WEBHOOK_URL: '' }, stubs: { curl: [{}] } });
    expect(silent.stdout).toContain('::warning title=No Slack message::the secret SLACK_WEBHOOK_URL was not passed, so the outcome of this deploy (success) was not posted to Slack.');
    expect(silent.calls.curl).toEqual([]);
    const posted = runStep(notify, { env: { ...env, SLACK_WEBHOOK_URL: 'https://hooks.slack.com/x' }, stubs: { curl: [{}] } });
    expect(JSON.parse(posted.calls.curl[0].stdin).text).toBe(
      ':white_check_mark: ticketing-api (service) deploy to dev: success\nacme-data/ticketing-api@0123456 by octocat, task definition dp-ticketing-api-dev:8\n<https://x/runs/1|Workflow run>',
    );
  });
});

describe('plan.yml: a fork\'s pull request', () => {
  test('Fork - fails with the reason, in the log and the job summary', () => {
    const fork = script(step('plan.yml', 'plan', "A fork's pull request gets no AWS credentials"));
    const run = runStep(fork, { env: { ENVIRONMENT: 'prod', HEAD_REPOSITORY: 'someone/data-platform' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error title=No plan for a fork\'s pull request::This pull request comes from the fork someone/data-platform.');
    expect(run.summary).toContain('### No plan of `prod` for a fork\'s pull request');
    expect(run.summary).toContain('no Terraform plan of prod was made');
  });
});
