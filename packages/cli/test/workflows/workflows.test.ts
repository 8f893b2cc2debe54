import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironments, type ResolvedEnvironment } from '@data-platform/config';
import { deployStages } from '../../../../.github/scripts/ci-environments';
import { outsideDeployWorkflow } from '../../src/commands/production-guard';
import { PLAN_COMMENT_MARKER } from '../../src/plan/plan-summary';
import {
  jobsGranting,
  parseWorkflow,
  policyViolations,
  readWorkflows,
  schemaErrors,
  stepNamed,
  triggers,
  type Job,
  type Workflow,
} from './workflow-policy';

const ROOT = join(__dirname, '../../../..');
const workflows = readWorkflows();
const workflow = (file: string): Workflow => {
  const text = workflows.get(file);
  if (text === undefined) throw new Error(`.github/workflows/${file} is missing; found ${[...workflows.keys()].join(', ')}`);
  return parseWorkflow(text);
};
const job = (file: string, id: string): Job => {
  const found = workflow(file).jobs[id];
  if (!found) throw new Error(`${file} has no job ${id}`);
  return found;
};
const uses = (j: Job): readonly string[] => (j.steps ?? []).flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []));
const runs = (j: Job): string => (j.steps ?? []).map((s) => s.run ?? '').join('\n');

describe('every workflow', () => {
  test('workflows - the five of the platform and the deploy stage are there', () => {
    expect([...workflows.keys()]).toEqual(['ci.yml', 'deploy-stage.yml', 'deploy.yml', 'drift.yml', 'plan.yml', 'universal-deploy.yml']);
  });

  test.each([...workflows.keys()])('%s - validates against the GitHub Actions workflow schema', (file) => {
    expect(schemaErrors(workflows.get(file)!)).toEqual([]);
  });

  test.each([...workflows.keys()])('%s - no stored AWS keys, OIDC only where a role is assumed, permissions {}, pinned actions, no pull_request_target', (file) => {
    expect(policyViolations(workflows.get(file)!)).toEqual([]);
  });

  test('workflows - an action is pinned to one commit across every workflow', () => {
    const pins = new Map<string, Set<string>>();
    for (const text of workflows.values()) {
      for (const j of Object.values(parseWorkflow(text).jobs)) {
        for (const s of j.steps ?? []) {
          if (!s.uses || s.uses.startsWith('./')) continue;
          const [action, ref] = s.uses.split('@') as [string, string];
          pins.set(action, new Set([...(pins.get(action) ?? []), ref]));
        }
      }
    }
    expect(pins.size).toBeGreaterThan(5);
    expect([...pins].filter(([, refs]) => refs.size > 1).map(([action, refs]) => `${action}: ${[...refs].join(', ')}`)).toEqual([]);
  });

  test('workflows - every job sets up the Node of .nvmrc (24), the one `engines` and the README name', () => {
    const nvmrc = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    expect(nvmrc).toBe('24');
    const setups = [...workflows].flatMap(([file, text]) =>
      Object.entries(parseWorkflow(text).jobs).flatMap(([id, j]) =>
        (j.steps ?? []).filter((s) => s.uses?.startsWith('actions/setup-node@')).map((s) => ({ at: `${file} ${id}`, with: s.with })),
      ),
    );
    expect(setups.length).toBeGreaterThan(5);
    for (const setup of setups) {
      const file = setup.at.startsWith('universal-deploy.yml') ? 'platform/.nvmrc' : '.nvmrc';
      expect(setup).toEqual({ at: setup.at, with: expect.objectContaining({ 'node-version-file': file }) });
      expect(setup.with).not.toHaveProperty('node-version');
    }
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines.split('||').map((range) => range.trim())).toContain(`>=${nvmrc}`);
  });

  test.each([...workflows.keys()])('%s - what a job iterates over is discovered, never listed', (file) => {
    for (const [id, j] of Object.entries(workflow(file).jobs)) {
      const matrix = j.strategy?.matrix;
      if (matrix === undefined) continue;
      const values = typeof matrix === 'string' ? [matrix] : Object.values(matrix as Record<string, unknown>);
      for (const value of values) {
        expect({ job: id, value }).toEqual({ job: id, value: expect.stringMatching(/^\$\{\{ fromJSON\((needs\.discover\.outputs|inputs)\.\w+\) \}\}$/) });
      }
    }
  });
});

describe('plan.yml', () => {
  const plan = workflow('plan.yml');

  test('plan.yml - runs on pull requests only', () => {
    expect(triggers(plan)).toEqual(['pull_request']);
  });

  test('plan.yml - id-token only for the planning job, pull-requests: write only for the comment job', () => {
    expect(jobsGranting(plan, 'id-token', 'write')).toEqual(['plan']);
    expect(jobsGranting(plan, 'pull-requests', 'write')).toEqual(['comment']);
    expect(plan.jobs.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(plan.jobs.comment.permissions).toEqual({ 'pull-requests': 'write' });
  });

  test('plan.yml - the job holding a write token runs no repository code', () => {
    const comment = job('plan.yml', 'comment');
    expect(uses(comment)).toEqual(['actions/download-artifact', 'actions/github-script']);
    expect(runs(comment).trim()).toBe('');
  });

  test('plan.yml - plans every environment of environments.ts with its planner role, affected stacks only', () => {
    const planJob = job('plan.yml', 'plan');
    expect(planJob.strategy?.matrix).toBe('${{ fromJSON(needs.discover.outputs.environments) }}');
    expect(stepNamed(job('plan.yml', 'discover'), 'environments').run).toBe('npx tsx .github/scripts/ci-environments.ts plan >> "$GITHUB_OUTPUT"');
    expect(stepNamed(job('plan.yml', 'discover'), 'affected').run).toContain(
      'npx nx show projects --affected --withTarget plan --base="$BASE" --head=HEAD --json',
    );
    const credentials = (planJob.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with).toMatchObject({ 'role-to-assume': '${{ matrix.role_arn }}', 'aws-region': '${{ matrix.region }}' });
    expect(runs(planJob)).toContain('npx nx affected -t plan -c "$ENVIRONMENT" --base="$BASE" --head=HEAD');
    expect(planJob.env?.ENVIRONMENT).toBe('${{ matrix.environment }}');
  });

  test('plan.yml - a plan error fails the check, changes do not', () => {
    const planJob = job('plan.yml', 'plan');
    const planStep = stepNamed(planJob, 'Plan affected stacks in ${{ matrix.environment }}');
    expect(planStep.run).toMatch(/^set \+e\n/);
    expect(stepNamed(planJob, 'Every affected stack planned without error').run).toBe(
      'npx data-platform pr-comment --check --env "$ENVIRONMENT" --plans dist/plans --projects "$PROJECTS"',
    );
  });

  test('plan.yml - a fork is told it gets no credentials before anything asks for them', () => {
    const steps = job('plan.yml', 'plan').steps ?? [];
    const fork = steps.findIndex((s) => s.if === 'github.event.pull_request.head.repo.fork');
    const credentials = steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(fork).toBe(0);
    expect(fork).toBeLessThan(credentials);
    expect(steps[fork].run).toContain('GITHUB_STEP_SUMMARY');
    expect(plan.jobs.comment.if).toContain('!github.event.pull_request.head.repo.fork');
  });

  test('plan.yml - one comment, found again by the marker the renderer writes', () => {
    const post = stepNamed(job('plan.yml', 'comment'), 'Create or update the plan comment');
    expect(post.env?.MARKER).toBe(PLAN_COMMENT_MARKER);
    const script = String(post.with?.script);
    expect(script).toContain('github.rest.issues.updateComment');
    expect(script).toContain('github.rest.issues.createComment');
    expect(script).toContain('github.paginate(github.rest.issues.listComments');
  });

  test('plan.yml - pins Terraform without its wrapper, whose output would corrupt plan JSON', () => {
    const setup = (job('plan.yml', 'plan').steps ?? []).find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(setup?.with).toEqual({ terraform_version: '${{ env.TERRAFORM_VERSION }}', terraform_wrapper: false });
  });

  test('plan.yml - the report synthesizes the head and the base commit and writes their manifests, which the comment reads', () => {
    const report = job('plan.yml', 'report');
    expect(report.permissions).toEqual({ contents: 'read' });
    expect((report.steps ?? [])[0]?.with).toMatchObject({ 'fetch-depth': 0 });
    const head = stepNamed(report, 'Manifests of the head').run!;
    expect(head).toContain('npx nx run-many -t synth');
    expect(head).toContain('npx data-platform manifests --out dist/manifests/head');
    const base = stepNamed(report, 'Manifests of the base');
    expect(base.env?.BASE).toBe('${{ github.event.pull_request.base.sha }}');
    expect(base.run).toContain('git worktree add --detach "$base_dir" "$BASE"');
    expect(base.run).toContain('git diff --quiet "$BASE" HEAD -- package-lock.json');
    expect(base.run).toContain('cp -al node_modules "$base_dir/node_modules"');
    expect(base.run).toContain('(cd "$base_dir" && npm ci --no-audit --no-fund)');
    expect(base.run).toContain('npx data-platform manifests --workspace "$base_dir" --out dist/manifests/base');
    expect(stepNamed(report, 'Render the comment').run).toContain('--manifests dist/manifests --out dist/pr-comment.md');
  });
});

describe('drift.yml', () => {
  const drift = workflow('drift.yml');

  test('drift.yml - runs nightly and on demand', () => {
    expect(triggers(drift)).toEqual(['schedule', 'workflow_dispatch']);
    expect(drift.on).toMatchObject({ schedule: [{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }] });
  });

  test('drift.yml - id-token only for the planning job, issues: write only for the job that keeps issues, Slack with no token at all', () => {
    expect(jobsGranting(drift, 'id-token', 'write')).toEqual(['plan']);
    expect(jobsGranting(drift, 'issues', 'write')).toEqual(['issues']);
    expect(drift.jobs.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(drift.jobs.issues.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(drift.jobs.notify.permissions).toEqual({});
  });

  test('drift.yml - plans every stack (not only affected ones) of every environment with its planner role, in the GitHub environment drift', () => {
    expect(stepNamed(job('drift.yml', 'discover'), 'projects').run).toContain('npx nx show projects --withTarget plan --json');
    expect(stepNamed(job('drift.yml', 'discover'), 'projects').run).not.toContain('--affected');
    expect(stepNamed(job('drift.yml', 'discover'), 'environments').run).toBe('npx tsx .github/scripts/ci-environments.ts plan >> "$GITHUB_OUTPUT"');
    const planJob = job('drift.yml', 'plan');
    // The planner role trusts repo:<repository>:environment:drift (stacks/shared, driftSubject).
    expect(planJob.environment).toBe('drift');
    expect(planJob.strategy?.matrix).toBe('${{ fromJSON(needs.discover.outputs.environments) }}');
    const credentials = (planJob.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with).toMatchObject({ 'role-to-assume': '${{ matrix.role_arn }}', 'aws-region': '${{ matrix.region }}' });
    expect(runs(planJob)).toContain('npx nx run-many -t plan -c "$ENVIRONMENT"');
  });

  test('drift.yml - exit code 2 (changes) does not stop the job, and Terraform runs without its wrapper', () => {
    const planJob = job('drift.yml', 'plan');
    expect(stepNamed(planJob, 'Plan every stack in ${{ matrix.environment }}').run).toMatch(/^set \+e\n/);
    const setup = (planJob.steps ?? []).find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(setup?.with).toEqual({ terraform_version: '${{ env.TERRAFORM_VERSION }}', terraform_wrapper: false });
  });

  test('drift.yml - the issues are kept by the CLI from every environment\'s summaries, with the job\'s own token', () => {
    const issues = job('drift.yml', 'issues');
    expect(issues.if).toBe("always() && needs.discover.result == 'success'");
    const keep = stepNamed(issues, 'keep');
    expect(keep.run).toBe('npx data-platform drift-issues --projects "$PROJECTS" --plans dist/plans --run-url "$RUN_URL" --github-output "$GITHUB_OUTPUT"');
    expect(keep.env?.GITHUB_TOKEN).toBe('${{ github.token }}');
    expect((issues.steps ?? []).find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with).toMatchObject({ pattern: 'drift-plans-*', path: 'dist/plans' });
  });

  test('drift.yml - Slack only when drift appeared or came back', () => {
    expect(drift.jobs.notify.if).toBe("always() && needs.issues.outputs.appeared != '' && needs.issues.outputs.appeared != '[]'");
    expect(stepNamed(job('drift.yml', 'notify'), 'Post the drift to Slack').env?.SLACK_WEBHOOK_URL).toBe('${{ secrets.SLACK_WEBHOOK_URL }}');
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');
  const stage = workflow('deploy-stage.yml');

  test('deploy.yml - runs on pushes to main only', () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'] } });
  });

  test('deploy.yml - dev before prod, stacks before pipelines, each stage after the one before', () => {
    const order = ['dev-stacks', 'dev-pipelines', 'prod-stacks', 'prod-pipelines'];
    expect(Object.keys(deploy.jobs).filter((id) => order.includes(id))).toEqual(order);
    order.forEach((id, index) => {
      const j = deploy.jobs[id];
      expect(j.uses).toBe('./.github/workflows/deploy-stage.yml');
      expect([j.needs].flat()).toEqual(['discover', ...order.slice(0, index)]);
      expect(j.with?.stage).toBe(`\${{ needs.discover.outputs.${id.split('-')[0]} }}`);
      expect(j.with?.projects).toBe(`\${{ needs.discover.outputs.${id.split('-')[1]} }}`);
      if (index > 0) expect(j.if).toMatch(/^\$\{\{ !cancelled\(\) && !failure\(\) && /);
    });
  });

  test('deploy.yml - the stages it names are exactly the environments of environments.ts', () => {
    const stages = stepNamed(job('deploy.yml', 'discover'), 'stages').run!.match(/deploy (.+) >>/)![1].split(' ');
    expect(stages).toEqual(['dev', 'prod']);
    expect(new Set(stages)).toEqual(new Set(loadEnvironments().keys()));
  });

  test('deploy.yml - what is deployed is discovered by Nx since the last successful deploy, never the administrator\'s CI stack', () => {
    const discover = job('deploy.yml', 'discover');
    expect(discover.permissions).toEqual({ contents: 'read', actions: 'read' });
    expect(stepNamed(discover, 'base').run).toContain('gh run list --repo "$GITHUB_REPOSITORY" --workflow deploy.yml --branch main');
    expect(stepNamed(discover, 'base').env?.BEFORE).toBe('${{ github.event.before }}');
    const affected = stepNamed(discover, 'affected').run!;
    expect(affected).toContain(`npx nx show projects "\${affected[@]}" --withTarget deploy --projects 'stacks/*' --exclude 'tag:administered' --json`);
    expect(affected).toContain(`npx nx show projects "\${affected[@]}" --withTarget deploy --projects 'pipelines/*' --json`);
  });

  test('deploy-stage.yml - one job per project, one concurrency group per stack that never cancels an apply', () => {
    const j = stage.jobs.deploy;
    expect(j.strategy?.matrix).toEqual({ project: '${{ fromJSON(inputs.projects) }}' });
    expect(j.concurrency).toEqual({ group: 'deploy-${{ matrix.project }}-${{ fromJSON(inputs.stage).environment }}', 'cancel-in-progress': false });
    expect(runs(j)).toContain('npx nx run "$PROJECT:deploy" -c "$ENVIRONMENT"');
  });

  test('deploy-stage.yml - declares the GitHub environment the deployer role trusts (prod: approval)', () => {
    expect(stage.jobs.deploy.environment).toBe('${{ fromJSON(inputs.stage).github_environment }}');
    const credentials = (stage.jobs.deploy.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with).toMatchObject({ 'role-to-assume': '${{ fromJSON(inputs.stage).role_arn }}', 'aws-region': '${{ fromJSON(inputs.stage).region }}' });
  });

  test('deploy-stage.yml - tells the production guard its GitHub environment and workflow, so the prod deploy passes it', () => {
    const env = stage.jobs.deploy.env!;
    expect(env.DATA_PLATFORM_GITHUB_ENVIRONMENT).toBe('${{ fromJSON(inputs.stage).github_environment }}');
    expect(env.DATA_PLATFORM_DEPLOY_WORKFLOW).toBe('deploy.yml');
    const environments = loadEnvironments();
    const stages = deployStages(environments, 'acme-data/data-platform', 'refs/heads/main', ['dev', 'prod']);
    const prod = environments.get('prod')!;
    expect(prod.protected).toBe(true);
    // What the prod job of a push to main sees: GitHub's variables, and the job's env from the stage.
    const job = {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme-data/data-platform',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKFLOW_REF: 'acme-data/data-platform/.github/workflows/deploy.yml@refs/heads/main',
      DATA_PLATFORM_GITHUB_ENVIRONMENT: stages.get('prod')!.github_environment,
      DATA_PLATFORM_DEPLOY_WORKFLOW: env.DATA_PLATFORM_DEPLOY_WORKFLOW,
    };
    expect(outsideDeployWorkflow(prod, job)).toBeUndefined();
    // The same job of another workflow is refused.
    expect(outsideDeployWorkflow(prod, { ...job, GITHUB_WORKFLOW_REF: 'acme-data/data-platform/.github/workflows/plan.yml@refs/pull/1/merge' })).toMatch(/^GITHUB_WORKFLOW_REF/);
  });

  test('deploy.yml - Slack hears every outcome, through the webhook secret', () => {
    const notify = job('deploy.yml', 'notify');
    expect(notify.if).toBe('always()');
    expect(notify.needs).toEqual(['discover', 'dev-stacks', 'dev-pipelines', 'prod-stacks', 'prod-pipelines']);
    expect(notify.permissions).toEqual({});
    expect(stepNamed(notify, 'Post the outcome to Slack').env?.SLACK_WEBHOOK_URL).toBe('${{ secrets.SLACK_WEBHOOK_URL }}');
  });
});

describe('universal-deploy.yml', () => {
  const universal = workflow('universal-deploy.yml');
  const call = (universal.on as { workflow_call: { inputs: Record<string, { required?: boolean; default?: unknown; type: string }>; secrets: Record<string, { required: boolean }> } }).workflow_call;
  const deployJob = universal.jobs.deploy;
  const steps = deployJob.steps ?? [];
  const index = (name: string) => steps.indexOf(stepNamed(deployJob, name));
  const usesIndex = (action: string) => steps.findIndex((s) => s.uses?.startsWith(`${action}@`));

  test('universal-deploy.yml - a reusable workflow: service_name and the platform repository required, environment dev and ref main by default, the secrets', () => {
    expect(triggers(universal)).toEqual(['workflow_call']);
    expect(Object.keys(call.inputs)).toEqual(['service_name', 'environment', 'platform_repository', 'platform_ref', 'context', 'dockerfile', 'platform']);
    expect(call.inputs.service_name).toMatchObject({ type: 'string', required: true });
    expect(call.inputs.environment).toMatchObject({ type: 'string', default: 'dev' });
    // A called workflow's `github` context is the caller's: no default can name this repository.
    expect(call.inputs.platform_repository).toMatchObject({ type: 'string', required: true });
    expect(call.inputs.platform_ref).toMatchObject({ type: 'string', default: 'main' });
    expect(call.inputs.context).toMatchObject({ type: 'string', default: '.' });
    expect(call.inputs.dockerfile).toMatchObject({ type: 'string', default: '' });
    expect(call.inputs.platform).toMatchObject({ type: 'string', default: 'linux/amd64' });
    expect(call.secrets).toEqual({
      DEPLOY_ROLE_ARN: expect.objectContaining({ required: true }),
      SLACK_WEBHOOK_URL: expect.objectContaining({ required: false }),
      PLATFORM_READ_TOKEN: expect.objectContaining({ required: false }),
    });
  });

  test('universal-deploy.yml - OIDC with the caller\'s role, ECR login, build and push, then the platform\'s deploy with --image, Slack', () => {
    expect(uses(deployJob)).toEqual([
      'actions/checkout',
      'actions/checkout',
      'actions/setup-node',
      'hashicorp/setup-terraform',
      'aws-actions/configure-aws-credentials',
      'aws-actions/amazon-ecr-login',
      'docker/setup-buildx-action',
      'docker/build-push-action',
    ]);
    const credentials = steps[usesIndex('aws-actions/configure-aws-credentials')]!;
    expect(credentials.with).toMatchObject({ 'role-to-assume': '${{ secrets.DEPLOY_ROLE_ARN }}', 'aws-region': '${{ steps.platform.outputs.region }}' });
    const build = steps[usesIndex('docker/build-push-action')]!;
    expect(build.with).toMatchObject({
      context: 'source/${{ inputs.context }}',
      // The caller's Dockerfile or the platform's standard one, and the platform's runtime as the build context "runtime".
      file: '${{ steps.dockerfile.outputs.file }}',
      'build-contexts': 'runtime=${{ steps.dockerfile.outputs.runtime }}',
      platforms: '${{ inputs.platform }}',
      push: true,
      tags: '${{ steps.ecr.outputs.registry }}/${{ steps.platform.outputs.repository }}:${{ github.sha }}',
    });

    const deploy = stepNamed(deployJob, 'Deploy the image with the platform');
    expect(deploy['working-directory']).toBe('platform');
    expect(deploy.env).toEqual({ IMAGE: '${{ steps.image.outputs.image }}' });
    expect(deploy.run).toBe('npx nx run "$SERVICE_NAME:deploy" -c "$ENVIRONMENT" --outputStyle=static -- --image "$IMAGE"');
    expect(stepNamed(deployJob, 'The image, pinned by digest').env?.DIGEST).toBe('${{ steps.pushed.outputs.digest || steps.build.outputs.digest }}');
    // In order: the platform installed and checked before credentials, the image pushed, then the deploy; Slack last, whatever happened.
    const order = [
      usesIndex('hashicorp/setup-terraform'),
      index('Install the platform'),
      index('The pipeline in the platform'),
      usesIndex('aws-actions/configure-aws-credentials'),
      usesIndex('aws-actions/amazon-ecr-login'),
      usesIndex('docker/build-push-action'),
      index('The image, pinned by digest'),
      index('Deploy the image with the platform'),
      index('Post the outcome to Slack'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.at(-1)).toBe(steps.length - 1);
    expect(stepNamed(deployJob, 'Post the outcome to Slack').if).toBe('always()');
  });

  test('universal-deploy.yml - Terraform alone changes what runs: no task definition, service or state machine is touched outside it', () => {
    const scripts = runs(deployJob);
    expect(scripts).not.toMatch(/aws (ecs|stepfunctions)|register-task-definition|update-service|update-state-machine|describe-services/);
    // ECR is only read, to find the repository and an image already pushed; the rest is deploy's.
    expect([...scripts.matchAll(/\baws ([a-z0-9-]+ [a-z0-9-]+)/g)].map((m) => m[1])).toEqual(['ecr describe-repositories', 'ecr describe-images']);
    expect(deployJob.outputs).toEqual({ image: '${{ steps.image.outputs.image }}' });
  });

  test('universal-deploy.yml - the pipeline\'s code and the platform are checked out side by side, without persisted credentials', () => {
    const [source, platform] = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(source!.with).toEqual({ path: 'source', 'persist-credentials': false });
    expect(platform!.with).toEqual({
      repository: '${{ inputs.platform_repository }}',
      ref: '${{ inputs.platform_ref }}',
      token: '${{ secrets.PLATFORM_READ_TOKEN || github.token }}',
      path: 'platform',
      'persist-credentials': false,
    });
    expect(stepNamed(deployJob, 'Install the platform')).toMatchObject({ 'working-directory': 'platform', run: 'npm ci --no-audit --no-fund' });
    // The Node and Terraform the platform's own deploy runs with.
    const stage = workflow('deploy-stage.yml').env!;
    expect(steps[usesIndex('hashicorp/setup-terraform')]!.with).toEqual({ terraform_version: stage.TERRAFORM_VERSION, terraform_wrapper: false });
    expect(steps[usesIndex('actions/setup-node')]!.with).toEqual({ 'node-version-file': 'platform/.nvmrc', cache: 'npm', 'cache-dependency-path': 'platform/package-lock.json' });
  });

  test('universal-deploy.yml - runs in the caller\'s GitHub environment of the same name (approval, OIDC subject)', () => {
    expect(deployJob.environment).toBe('${{ inputs.environment }}');
    expect(deployJob.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  test('universal-deploy.yml - tells the production guard its GitHub environment and workflow, so a prod deploy from a deploy source passes it', () => {
    expect(deployJob.env?.DATA_PLATFORM_GITHUB_ENVIRONMENT).toBe('${{ inputs.environment }}');
    expect(deployJob.env?.DATA_PLATFORM_DEPLOY_WORKFLOW).toBe('universal-deploy.yml');
    const prod = loadEnvironments().get('prod')!;
    const withPipelineRepository: ResolvedEnvironment = {
      ...prod,
      github: { ...prod.github, deploySources: [...prod.github.deploySources, { repository: 'acme-data@1001/ticketing-api@2002', environment: 'prod' }] },
    };
    // A called workflow's GITHUB_WORKFLOW_REF is its caller's, in the caller's repository.
    const job = {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme-data/ticketing-api',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKFLOW_REF: 'acme-data/ticketing-api/.github/workflows/deploy.yml@refs/heads/main',
      DATA_PLATFORM_GITHUB_ENVIRONMENT: 'prod',
      DATA_PLATFORM_DEPLOY_WORKFLOW: deployJob.env!.DATA_PLATFORM_DEPLOY_WORKFLOW!,
    };
    expect(outsideDeployWorkflow(withPipelineRepository, job)).toBeUndefined();
    expect(outsideDeployWorkflow(prod, job)).toMatch(/^GITHUB_REPOSITORY is "acme-data\/ticketing-api", which is not one of its deploy sources/);
  });

  test('universal-deploy.yml - one deploy of a pipeline at a time, in a group named as the platform\'s own deploy of the stack', () => {
    expect(deployJob.concurrency).toEqual({ group: 'deploy-${{ inputs.service_name }}-${{ inputs.environment }}', 'cancel-in-progress': false });
    const own = job('deploy-stage.yml', 'deploy').concurrency!;
    const expand = (group: string, project: string, environment: string) =>
      group
        .replace('${{ inputs.service_name }}', project)
        .replace('${{ matrix.project }}', project)
        .replace('${{ inputs.environment }}', environment)
        .replace('${{ fromJSON(inputs.stage).environment }}', environment);
    expect(expand(deployJob.concurrency!.group, 'ticketing-api', 'prod')).toBe(expand(own.group, 'ticketing-api', 'prod'));
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');

  test('ci.yml - runs .ci/run on every push and pull request, with Terraform and no AWS', () => {
    expect(triggers(ci)).toEqual(['push', 'pull_request']);
    const test = job('ci.yml', 'test');
    expect(test.permissions).toEqual({ contents: 'read' });
    expect(runs(test).trim()).toBe('bash .ci/run');
    expect(uses(test)).toEqual(['actions/checkout', 'actions/setup-node', 'hashicorp/setup-terraform']);
  });
});
