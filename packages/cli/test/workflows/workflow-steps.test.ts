/**
 * The shell scripts of the workflows, run for real by bash with stand-ins for aws, npx, gh and curl:
 * universal-deploy's checks, image and deploy, the deploy base, Slack, the fork notice. The step
 * that reads the platform's config runs the real platform packages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { pipelineNames } from '@data-platform/standard-etl';
import { removeTemporaryFolders, runStep, temporaryFolder } from './run-step';
import { parseWorkflow, readWorkflows, stepNamed, WORKSPACE_ROOT, type Step } from './workflow-policy';

const workflows = readWorkflows();
afterAll(removeTemporaryFolders);
const step = (file: string, job: string, name: string): Step => stepNamed(parseWorkflow(workflows.get(file)!).jobs[job], name);
const script = (s: Step): string => {
  if (!s.run) throw new Error(`step ${s.name} has no script`);
  return s.run;
};

const UNIVERSAL_ENV = {
  SERVICE_NAME: 'ticketing-api',
  ENVIRONMENT: 'dev',
  COMMIT: '0123456789abcdef0123456789abcdef01234567',
  NX_DAEMON: 'false',
};
const DEV_ROLE = 'arn:aws:iam::111111111111:role/data-platform-deployer-dev';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const IMAGE = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev@${DIGEST}`;

describe('universal-deploy.yml: Check the inputs', () => {
  const check = script(step('universal-deploy.yml', 'deploy', 'Check the inputs'));
  const env = { ...UNIVERSAL_ENV, PLATFORM_REPOSITORY: 'acme-data/data-platform', PLATFORM_REF: 'main', DEPLOY_ROLE_ARN: DEV_ROLE };

  test('Check the inputs - accepts a pipeline name, an environment, the platform repository and ref, a role', () => {
    expect(runStep(check, { env }).exitCode).toBe(0);
    expect(runStep(check, { env: { ...env, ENVIRONMENT: 'prod', PLATFORM_REF: 'v1.4.0' } }).exitCode).toBe(0);
  });

  test.each<[Record<string, string>, string]>([
    [{ SERVICE_NAME: 'dp-Ticketing_API' }, 'service_name is "dp-Ticketing_API"; expected the pipeline\'s name as its folder under pipelines/'],
    [{ ENVIRONMENT: 'production-eu' }, 'environment is "production-eu"; expected an environment of the platform'],
    [{ PLATFORM_REPOSITORY: 'data-platform' }, 'platform_repository is "data-platform"; expected the platform repository as owner/name'],
    [{ PLATFORM_REF: '' }, 'platform_ref is empty; expected the branch, tag or commit of acme-data/data-platform to deploy with'],
    [{ DEPLOY_ROLE_ARN: '' }, 'the secret DEPLOY_ROLE_ARN is missing or not a role ARN'],
  ])('Check the inputs - throws one clear error for %j', (bad, message) => {
    const run = runStep(check, { env: { ...env, ...bad } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::error title=universal-deploy (${bad.SERVICE_NAME ?? 'ticketing-api'})::${message}`);
  });
});

describe('universal-deploy.yml: The pipeline in the platform', () => {
  const check = script(step('universal-deploy.yml', 'deploy', 'The pipeline in the platform'));
  // npm's update notice (stderr) is no part of the step.
  const env = { ...UNIVERSAL_ENV, PLATFORM_REPOSITORY: 'acme-data/data-platform', PLATFORM_REF: 'main', DEPLOY_ROLE_ARN: DEV_ROLE, NPM_CONFIG_UPDATE_NOTIFIER: 'false' };

  /** A checkout of the platform as the step sees it: its installed packages, and one pipeline folder. */
  function platform(options: { readonly pipeline?: string; readonly withApp?: boolean } = {}): string {
    const dir = temporaryFolder('platform-checkout-');
    symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const folder = join(dir, 'pipelines', options.pipeline ?? 'ticketing-api');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'cdktf.json'), JSON.stringify({ app: 'npx tsx main.ts' }));
    if (options.withApp) mkdirSync(join(folder, 'app'));
    return dir;
  }

  test.each([...loadEnvironments().values()].map((e) => [e.name, e] as const))(
    'Pipeline in the platform - %s: region, account and repository from the platform\'s own config and names',
    (name, environment) => {
      const role = `arn:aws:iam::${environment.accountId}:role/data-platform-deployer-${name}`;
      const run = runStep(check, { cwd: platform(), env: { ...env, ENVIRONMENT: name, DEPLOY_ROLE_ARN: role } });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toEqual({ region: environment.region, account: environment.accountId, repository: pipelineNames('ticketing-api', name).repository });
    },
  );

  test('Pipeline in the platform - refuses a deployer role of another account than the environment\'s', () => {
    const run = runStep(check, { cwd: platform(), env: { ...env, ENVIRONMENT: 'prod', DEPLOY_ROLE_ARN: DEV_ROLE } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      '::error title=universal-deploy (ticketing-api)::the secret DEPLOY_ROLE_ARN is a role of account 111111111111, but environment prod is account 222222222222; ' +
        'pass the deployer role of prod, arn:aws:iam::222222222222:role/data-platform-deployer-prod.',
    );
    expect(run.outputs).toEqual({});
  });

  test('Pipeline in the platform - refuses an environment the platform does not define, with its reason', () => {
    const run = runStep(check, { cwd: platform(), env: { ...env, ENVIRONMENT: 'qa' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('unknown environment "qa"; known environments are "dev", "prod".');
    expect(run.stdout).toContain('::error title=universal-deploy (ticketing-api)::cannot read environment "qa" from acme-data/data-platform@main (the reason is above)');
  });

  test('Pipeline in the platform - refuses a pipeline the platform does not have, and one whose image the platform builds (app/)', () => {
    const missing = runStep(check, { cwd: platform({ pipeline: 'shopify-products' }), env });
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toContain('::error title=universal-deploy (ticketing-api)::acme-data/data-platform@main has no pipeline ticketing-api (pipelines/ticketing-api/cdktf.json is missing).');

    const built = runStep(check, { cwd: platform({ withApp: true }), env });
    expect(built.exitCode).toBe(1);
    expect(built.stdout).toContain(
      '::error title=universal-deploy (ticketing-api)::pipelines/ticketing-api in acme-data/data-platform has an app/ folder, so its image is built there by the platform\'s own deploy',
    );
    expect(missing.outputs).toEqual({});
    expect(built.outputs).toEqual({});
  });
});

describe('universal-deploy.yml: Look for the repository and the image of this commit', () => {
  const look = script(step('universal-deploy.yml', 'deploy', 'Look for the repository and the image of this commit'));
  const env = { ...UNIVERSAL_ENV, REPOSITORY: 'dp-ticketing-api-dev' };
  const uri = { stdout: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev\n' };

  test('Look - a re-run finds the image of its commit and reuses it; a first run finds none', () => {
    const found = runStep(look, { env, stubs: { aws: [uri, { stdout: `${DIGEST}\n` }] } });
    expect(found.exitCode).toBe(0);
    expect(found.calls.aws.map((c) => c.args)).toEqual([
      ['ecr', 'describe-repositories', '--repository-names', 'dp-ticketing-api-dev', '--query', 'repositories[0].repositoryUri', '--output', 'text'],
      ['ecr', 'describe-images', '--repository-name', 'dp-ticketing-api-dev', '--image-ids', `imageTag=${UNIVERSAL_ENV.COMMIT}`, '--query', 'imageDetails[0].imageDigest', '--output', 'text'],
    ]);
    expect(found.outputs).toEqual({ digest: DIGEST });
    expect(found.stdout).toContain(`::notice title=Image already pushed::dp-ticketing-api-dev:${UNIVERSAL_ENV.COMMIT} exists (${DIGEST}): not built again.`);

    const none = runStep(look, { env, stubs: { aws: [uri, { stdout: 'An error occurred (ImageNotFoundException)', exitCode: 254 }] } });
    expect(none.exitCode).toBe(0);
    expect(none.outputs).toEqual({});
  });

  test('Look - fails, saying the platform must deploy the pipeline first, when its repository does not exist', () => {
    const notFound = 'An error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: ' +
      "The repository with name 'dp-ticketing-api-dev' does not exist in the registry with id '111111111111'";
    const run = runStep(look, { env, stubs: { aws: [{ stderr: notFound, exitCode: 254 }] } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(notFound);
    expect(run.calls.aws).toHaveLength(1);
    expect(run.stdout).toContain(
      '::error title=universal-deploy (ticketing-api)::ECR repository dp-ticketing-api-dev does not exist: the platform has not deployed pipelines/ticketing-api to dev yet.',
    );
    expect(run.outputs).toEqual({});
  });

  test('Look - any other failure to read ECR fails the step with what aws said', () => {
    const denied = 'An error occurred (AccessDeniedException) when calling the DescribeRepositories operation: not authorized';
    const run = runStep(look, { env, stubs: { aws: [{ stderr: denied, exitCode: 254 }] } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(denied);
    expect(run.stdout).not.toContain('::error');
    expect(run.calls.aws).toHaveLength(1);
  });
});

describe("universal-deploy.yml: The Dockerfile and the platform's runtime", () => {
  const choose = script(step('universal-deploy.yml', 'deploy', "The Dockerfile and the platform's runtime"));
  const env = { ...UNIVERSAL_ENV, CONTEXT: '.', DOCKERFILE: '', PLATFORM_REPOSITORY: 'acme-data/data-platform', PLATFORM_REF: 'v2.0.0' };

  /** The checkouts side by side: the caller's code in source/, the platform in platform/ (with its runtime, unless told otherwise). */
  function checkouts(files: readonly string[], runtime = true): string {
    const root = temporaryFolder('universal-deploy-dockerfile-');
    for (const file of [...files.map((f) => `source/${f}`), ...(runtime ? ['platform/packages/pipeline-runtime/pyproject.toml', 'platform/packages/pipeline-runtime/Dockerfile'] : [])]) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
    return root;
  }

  test("Dockerfile - the caller's app without a Dockerfile gets the platform's standard one; the runtime is the build context either way", () => {
    const run = runStep(choose, { env, cwd: checkouts(['main.py', 'requirements.txt']) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ file: 'platform/packages/pipeline-runtime/Dockerfile', runtime: 'platform/packages/pipeline-runtime' });
  });

  test("Dockerfile - the context's own Dockerfile, or the one named by the dockerfile input, comes first", () => {
    expect(runStep(choose, { env: { ...env, CONTEXT: 'app' }, cwd: checkouts(['app/Dockerfile', 'app/main.py']) }).outputs.file).toBe('source/app/Dockerfile');
    expect(runStep(choose, { env: { ...env, DOCKERFILE: 'build/Dockerfile.prod' }, cwd: checkouts(['build/Dockerfile.prod', 'Dockerfile']) }).outputs.file).toBe('source/build/Dockerfile.prod');
  });

  test.each<[string, Record<string, string>, readonly string[], boolean, string]>([
    ['a platform ref without the runtime', {}, ['main.py'], false, 'acme-data/data-platform@v2.0.0 has no platform/packages/pipeline-runtime (its Python runtime and standard Dockerfile)'],
    ['a dockerfile input that is not a file', { DOCKERFILE: 'Dockerfile.missing' }, ['main.py'], true, 'dockerfile is "Dockerfile.missing", which is not a file of this repository'],
    ['an app with neither a Dockerfile nor a main.py', {}, ['README.md'], true, "source/. holds neither a Dockerfile nor a main.py; the platform's standard image runs the app's main.py"],
  ])('Dockerfile - fails with one clear error for %s', (_, changes, files, runtime, message) => {
    const run = runStep(choose, { env: { ...env, ...changes }, cwd: checkouts(files, runtime) });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::error title=universal-deploy (ticketing-api)::${message}`);
  });
});

describe('universal-deploy.yml: The image, pinned by digest', () => {
  const pin = script(step('universal-deploy.yml', 'deploy', 'The image, pinned by digest'));
  const env = { ...UNIVERSAL_ENV, REGISTRY: '111111111111.dkr.ecr.eu-west-1.amazonaws.com', REPOSITORY: 'dp-ticketing-api-dev' };

  test('Image - <registry>/<repository>@<digest> from the push', () => {
    const run = runStep(pin, { env: { ...env, DIGEST } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ image: IMAGE });
  });

  test.each(['', 'sha256:abc', `${DIGEST}\n`])('Image - fails on a digest the push did not give: %j', (digest) => {
    const run = runStep(pin, { env: { ...env, DIGEST: digest } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error title=No image digest::the push of dp-ticketing-api-dev:0123456789abcdef0123456789abcdef01234567 returned no digest');
    expect(run.outputs).toEqual({});
  });
});

describe('universal-deploy.yml: Deploy the image with the platform', () => {
  const deploy = step('universal-deploy.yml', 'deploy', 'Deploy the image with the platform');

  test('Deploy - the pipeline\'s deploy target of the environment, with --image: terraform applies it', () => {
    const run = runStep(script(deploy), { env: { ...UNIVERSAL_ENV, ENVIRONMENT: 'prod', IMAGE }, stubs: { npx: [{}] } });
    expect(run.exitCode).toBe(0);
    expect(run.calls.npx.map((c) => c.args)).toEqual([['nx', 'run', 'ticketing-api:deploy', '-c', 'prod', '--outputStyle=static', '--', '--image', IMAGE]]);
  });

  test('Deploy - its failure (a refused image, a plan error, a rolled-back service) fails the job', () => {
    const run = runStep(script(deploy), { env: { ...UNIVERSAL_ENV, IMAGE }, stubs: { npx: [{ exitCode: 1 }] } });
    expect(run.exitCode).toBe(1);
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
  const env = { ...UNIVERSAL_ENV, STATUS: 'success', REPOSITORY: 'acme-data/ticketing-api', ACTOR: 'octocat', IMAGE, RUN_URL: 'https://x/runs/1' };

  test('Slack - without the secret, says so and posts nothing; with it, names the pipeline and the image', () => {
    const silent = runStep(notify, { env: { ...env, SLACK_WEBHOOK_URL: '' }, stubs: { curl: [{}] } });
    expect(silent.exitCode).toBe(0);
    expect(silent.stdout).toContain('::warning title=No Slack message::the secret SLACK_WEBHOOK_URL was not passed, so the outcome of this deploy (success) was not posted to Slack.');
    expect(silent.calls.curl).toEqual([]);
    const posted = runStep(notify, { env: { ...env, SLACK_WEBHOOK_URL: 'https://hooks.slack.com/x' }, stubs: { curl: [{}] } });
    expect(posted.exitCode).toBe(0);
    expect(JSON.parse(posted.calls.curl[0].stdin).text).toBe(
      `:white_check_mark: ticketing-api deploy to dev: success\nacme-data/ticketing-api@0123456 by octocat, image dp-ticketing-api-dev@${DIGEST}\n<https://x/runs/1|Workflow run>`,
    );
  });

  test('Slack - a failure before any image says so, without an image', () => {
    const run = runStep(notify, { env: { ...env, STATUS: 'failure', IMAGE: '', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/x' }, stubs: { curl: [{}] } });
    expect(JSON.parse(run.calls.curl[0].stdin).text).toBe(':x: ticketing-api deploy to dev: failure\nacme-data/ticketing-api@0123456 by octocat\n<https://x/runs/1|Workflow run>');
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

describe('plan.yml: Manifests of the base', () => {
  const base = script(step('plan.yml', 'report', 'Manifests of the base'));

  /** A repository whose base commit has package-lock.json and node_modules; the head may change the lock. */
  function repository(changeLock: boolean): { dir: string; baseCommit: string } {
    const dir = temporaryFolder('plan-base-');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '--quiet', '--initial-branch=main');
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'base');
    const baseCommit = git('rev-parse', 'HEAD');
    writeFileSync(join(dir, 'README.md'), 'head');
    if (changeLock) writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'head');
    mkdirSync(join(dir, 'node_modules', '@data-platform'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'marker'), 'installed');
    symlinkSync('../../packages/core', join(dir, 'node_modules', '@data-platform', 'core'));
    return { dir, baseCommit };
  }

  test('Base manifests - an unchanged package-lock.json: node_modules reused by hard links (workspace links stay relative), no npm ci', () => {
    const { dir, baseCommit } = repository(false);
    const run = runStep(base, { cwd: dir, env: { BASE: baseCommit }, stubs: { npx: [{}], npm: [{}] } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`package-lock.json is unchanged since ${baseCommit}: the base reuses node_modules`);
    const baseDir = join(run.temp, 'base');
    expect(execFileSync('readlink', [join(baseDir, 'node_modules', '@data-platform', 'core')], { encoding: 'utf8' }).trim()).toBe('../../packages/core');
    expect(execFileSync('cat', [join(baseDir, 'node_modules', 'marker')], { encoding: 'utf8' })).toBe('installed');
    expect(run.calls.npm).toEqual([]);
    expect(run.calls.npx.map((c) => c.args.slice(0, 3))).toEqual([['nx', 'run-many', '-t'], ['data-platform', 'manifests', '--workspace']]);
    expect(run.calls.npx[1].args).toEqual(['data-platform', 'manifests', '--workspace', baseDir, '--out', 'dist/manifests/base']);
  });

  test('Base manifests - a changed package-lock.json: npm ci in the base; a base that fails to synthesize is a warning', () => {
    const { dir, baseCommit } = repository(true);
    const run = runStep(base, { cwd: dir, env: { BASE: baseCommit }, stubs: { npx: [{ exitCode: 1 }, {}], npm: [{}] } });
    expect(run.exitCode).toBe(0);
    expect(run.calls.npm[0].args).toEqual(['ci', '--no-audit', '--no-fund']);
    expect(run.stdout).toContain(`::warning title=Base not synthesized::synth failed on the base ${baseCommit}`);
    expect(run.calls.npx[1].args.slice(0, 2)).toEqual(['data-platform', 'manifests']);
  });
});

describe('drift.yml: Post the drift to Slack', () => {
  const notify = script(step('drift.yml', 'notify', 'Post the drift to Slack'));
  const env = {
    APPEARED: '["shared-prod","ticketing-api-dev"]',
    REPOSITORY: 'acme-data/data-platform',
    RUN_URL: 'https://github.com/acme-data/data-platform/actions/runs/7',
  };

  test('Slack - without the secret, says so and posts nothing', () => {
    const run = runStep(notify, { env: { ...env, SLACK_WEBHOOK_URL: '' }, stubs: { curl: [{}] } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('::warning title=No Slack message::the repository secret SLACK_WEBHOOK_URL is not set, so the drift in shared-prod, ticketing-api-dev was not posted to Slack.');
    expect(run.calls.curl).toEqual([]);
  });

  test('Slack - posts the stacks that drifted, with the run, as JSON; a failed post fails the step', () => {
    const hook = 'https://hooks.slack.com/services/T/B/X';
    const run = runStep(notify, { env: { ...env, SLACK_WEBHOOK_URL: hook }, stubs: { curl: [{ stdout: 'ok' }] } });
    expect(run.exitCode).toBe(0);
    expect(run.calls.curl[0].args.at(-1)).toBe(hook);
    expect(JSON.parse(run.calls.curl[0].stdin)).toEqual({
      text: ':warning: Drift in acme-data/data-platform: shared-prod, ticketing-api-dev differ from their Terraform configuration (an issue labelled drift each).\n<https://github.com/acme-data/data-platform/actions/runs/7|Workflow run>',
    });
    expect(runStep(notify, { env: { ...env, SLACK_WEBHOOK_URL: hook }, stubs: { curl: [{ exitCode: 22 }] } }).exitCode).not.toBe(0);
  });
});
