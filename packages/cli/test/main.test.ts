import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { failureMessage } from '../src/failure-message';
import { CommandError } from '../src/errors';
import { FakeAws } from './support/fake-aws';
import { pipelineStack, sharedStack, tempWorkspace, type TempWorkspace } from './support/stack-fixtures';

const BIN = resolve(__dirname, '..', 'bin', 'data-platform.js');

/** Runs the real `data-platform` bin in a child process. */
function cli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, TF_PLUGIN_DIR: undefined, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env })) {
      if (value !== undefined) merged[key] = value;
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: merged });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** A `terraform` on PATH that answers init, plan (changes: exit 2) and show like the real one. */
function fakeTerraform(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const plan = JSON.stringify({ resource_changes: [{ address: 'aws_ecs_cluster.Cluster', type: 'aws_ecs_cluster', change: { actions: ['create'] } }] });
  writeFileSync(
    join(dir, 'terraform'),
    ['#!/bin/sh', 'echo "$@" >> "$(dirname "$0")/calls.log"', 'case "$1" in', '  plan) exit 2 ;;', `  show) echo '${plan}' ;;`, 'esac', 'exit 0', ''].join('\n'),
  );
  chmodSync(join(dir, 'terraform'), 0o755);
  return dir;
}

/** A program on PATH that only records that it was started, and fails: for those a command must not run. */
function forbiddenProgram(dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), ['#!/bin/sh', `echo "$@" >> "$(dirname "$0")/${name}.log"`, 'exit 1', ''].join('\n'));
  chmodSync(join(dir, name), 0o755);
}

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('data-platform (the bin)', () => {
  // Each test starts the bin (about 4 s, more under load): the endpoint must outlive the whole file.
  const aws = new FakeAws(240_000);
  let workspace: TempWorkspace;
  let sharedDir: string;
  beforeAll(async () => {
    await aws.start();
    workspace = tempWorkspace();
    sharedDir = sharedStack(workspace.root).project.dir;
  });
  afterAll(async () => {
    workspace.remove();
    await aws.stop();
  });

  test('main - an unknown command or option: exit 1, the usage, no stack trace', async () => {
    const unknown = await cli(['deploi'], sharedDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: unknown command "deploi"\.\nusage: data-platform <command>/);
    const option = await cli(['plan', '--environment', 'dev'], sharedDir);
    expect(option.code).toBe(1);
    expect(option.stderr).toContain("Unknown option '--environment'");
    expect(unknown.stderr + option.stderr).not.toMatch(STACK_TRACE);
  });

  test('main - bootstrap through the real SDK, pointed at the loopback endpoint by AWS_ENDPOINT_URL_*: exit 0, a line per step', async () => {
    const result = await cli(['bootstrap', '--env', 'dev'], sharedDir, aws.env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('• state bucket data-platform-tfstate-111111111111: created in eu-west-1\n');
    expect(result.stdout).toContain('• bucket policy: TLS-only statement added\n');
    expect(aws.buckets.get('data-platform-tfstate-111111111111')?.versioning).toBe('Enabled');
  });

  // The SDK warns, at its first call, on a Node its later releases drop (below 22); nothing hides it.
  test('main - on a supported Node (22, 24) a command calling AWS prints no SDK runtime warning; on Node 20 the SDK\'s warning shows', async () => {
    const result = await cli(['bootstrap', '--env', 'dev'], sharedDir, { ...aws.env(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });
    expect(result.code).toBe(0);
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= 22) expect(result.stderr).not.toContain('NodeVersionSupportWarning');
    else expect(result.stderr).toContain('NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)');
  });

  test('main - plan exits 2 when terraform plans changes, and writes dist/plans at the workspace root', async () => {
    const bin = fakeTerraform(join(workspace.root, 'fake-bin'));
    const result = await cli(['plan', '--env', 'dev'], sharedDir, { ...aws.env(), PATH: `${bin}:${process.env.PATH}` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('shared-dev: 1 to add, 0 to change, 0 to destroy. Summary in dist/plans/shared-dev.json and dist/plans/shared-dev.md.');
    expect(JSON.parse(readFileSync(join(workspace.root, 'dist', 'plans', 'shared-dev.json'), 'utf8'))).toMatchObject({ status: 'changes', counts: { add: 1 } });
    expect(readFileSync(join(bin, 'calls.log'), 'utf8').split('\n')[0]).toBe('init -input=false -no-color -reconfigure');

    // The pull-request check reads that summary: a plan with changes is a plan that worked.
    const check = await cli(['pr-comment', '--check', '--env', 'dev', '--projects', '["shared"]'], workspace.root);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('shared-dev: 1 to add');
  });

  test('main - without credentials: exit 1 with how to get them, no stack trace', async () => {
    const result = await cli(['deploy', '--env', 'dev'], sharedDir, { ...aws.env(), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: deploy shared-dev failed at "account guard":\nshared-dev: no AWS credentials found/);
    expect(result.stderr).toContain('aws sso login --profile <profile>');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  test('main - deploy --image: the image given is planned and applied through terraform; docker and git never run', async () => {
    const stack = pipelineStack(workspace.root, { mode: 'schedule', withApp: false });
    const repository = 'dp-ticketing-api-dev';
    const image = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${repository}@sha256:${'7'.repeat(64)}`;
    aws.buckets.set('data-platform-tfstate-111111111111', { region: 'eu-west-1', owner: '111111111111', versioning: 'Enabled' });
    aws.addRepository(repository).images.set('0123456', `sha256:${'7'.repeat(64)}`);
    const bin = fakeTerraform(join(workspace.root, 'fake-bin-image'));
    forbiddenProgram(bin, 'docker');
    forbiddenProgram(bin, 'git');

    const result = await cli(['deploy', '--env', 'dev', '--image', image], stack.project.dir, { ...aws.env(), PATH: `${bin}:${process.env.PATH}` });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const terraform = readFileSync(join(bin, 'calls.log'), 'utf8').trim().split('\n');
    expect(terraform.map((line) => line.split(' ')[0])).toEqual(['init', 'plan', 'show', 'apply']);
    expect(terraform[1]).toContain(`-var image=${image}`);
    expect(existsSync(join(bin, 'docker.log')) || existsSync(join(bin, 'git.log'))).toBe(false);
    expect(result.stdout).toContain(`• image ${image}: in ECR repository ${repository}, deployed as given (--image), nothing built\n`);
    expect(result.stdout).toContain(`ticketing-api-dev: deployed running ${image} (1 to add, 0 to change, 0 to destroy).`);
  });

  test('main - --image: refused with one clear error for another command, a stack that is not a pipeline, or a tag', async () => {
    const image = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev@sha256:${'7'.repeat(64)}`;
    const plan = await cli(['plan', '--env', 'dev', '--image', image], sharedDir);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^error: --image is an option of deploy only; plan does not take it\.\nusage: data-platform <command>/);

    const shared = await cli(['deploy', '--env', 'dev', '--image', image], sharedDir, aws.env());
    expect(shared.code).toBe(1);
    expect(shared.stderr).toBe(
      `error: --image is for pipeline stacks only: shared-dev has no aws_ecr_repository, so it runs no image of its own (received --image "${image}"). Deploy it without --image.\n`,
    );

    const pipelineDir = pipelineStack(workspace.root, { mode: 'service', withApp: false }).project.dir;
    const tagged = await cli(['deploy', '--env', 'dev', '--image', 'dp-ticketing-api-dev:latest'], pipelineDir, aws.env());
    expect(tagged.code).toBe(1);
    expect(tagged.stderr).toMatch(/^error: ticketing-api-dev: --image is "dp-ticketing-api-dev:latest"; expected an image of this pipeline pinned by digest/);
    expect(plan.stderr + shared.stderr + tagged.stderr).not.toMatch(STACK_TRACE);
  });

  test('main - status, logs, rollback, run-local: dispatched with their options, an option of another command refused', async () => {
    const pipelineDir = pipelineStack(workspace.root, { mode: 'schedule' }).project.dir;
    aws.requests.length = 0;
    const misplaced = await cli(['logs', '--env', 'dev', '--json'], pipelineDir, aws.env());
    expect(misplaced.code).toBe(1);
    expect(misplaced.stderr).toMatch(/^error: --json is not an option of logs; it is one of status\.\nusage: data-platform <command>/);
    const limit = await cli(['status', '--env', 'dev', '--limit', 'many'], pipelineDir, aws.env());
    expect(limit.stderr).toBe('error: ticketing-api-dev: --limit is "many"; expected a whole number of runs from 1 to 100 (default 10).\n');
    const local = await cli(['run-local', '--env', 'prod'], pipelineDir, aws.env());
    expect(local.stderr).toMatch(/^error: ticketing-api-prod: run-local is refused for environment "prod": it is protected/);
    expect(aws.requests).toEqual([]);
  });

  test('main - deploy to a protected environment outside the deploy workflow: exit 1, how to ship it, nothing touched', async () => {
    const stack = pipelineStack(workspace.root, { mode: 'service', environment: 'prod', withApp: false });
    const bin = join(workspace.root, 'fake-bin-guard');
    forbiddenProgram(bin, 'terraform');
    forbiddenProgram(bin, 'git');
    aws.requests.length = 0;
    const result = await cli(['deploy', '--env', 'prod'], stack.project.dir, { ...aws.env(), GITHUB_ACTIONS: undefined, PATH: `${bin}:${process.env.PATH}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: ticketing-api-prod: environment "prod" is protected: deploy runs only in the deploy workflow on one of its deploy sources \(acme-data\/data-platform \(GitHub environment prod\)\), and this is not GitHub Actions/,
    );
    expect(result.stderr).toContain('Ship the change through a pull request');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(aws.requests).toEqual([]);
    expect(existsSync(join(bin, 'terraform.log'))).toBe(false);
  });

  test('main - --break-glass: refused with one clear error for a command that changes nothing guarded', async () => {
    const result = await cli(['plan', '--env', 'prod', '--break-glass', 'INC-1: look at the plan'], sharedDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: --break-glass is an option of deploy, destroy, rollback and backfill; plan does not take it \(it changes nothing a guard protects\)\.\nusage: data-platform <command>/,
    );
  });

  test('main - --parallel: refused, naming --concurrency, which backfill takes instead (Nx reads --parallel as its own option)', async () => {
    const result = await cli(['backfill', '--env', 'dev', '--from', '2026-11-01', '--to', '2026-11-02', '--parallel', '2'], sharedDir);
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(
      'error: --parallel is now --concurrency (received --parallel "2"): Nx reads --parallel as its own option, ' +
        'so `nx run <pipeline>:backfill -- --parallel N` never reached backfill. Write --concurrency 2.\n',
    );
  });

  test('failureMessage - ours as they are; an unexpected error without its stack unless DATA_PLATFORM_DEBUG=1', () => {
    expect(failureMessage(new CommandError('shared-dev: something to act on'))).toBe('shared-dev: something to act on');
    const unexpected = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(failureMessage(unexpected, false)).toBe(
      "Cannot read properties of undefined (reading 'x')\n(an unexpected error: run again with DATA_PLATFORM_DEBUG=1 to see where it comes from, and report it)",
    );
    expect(failureMessage(unexpected, true)).toMatch(STACK_TRACE);
    const sdk = Object.assign(new Error('User is not authorized to perform: ecr:DescribeImages'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400, requestId: 'r-1' } });
    expect(failureMessage(sdk, false)).toBe(
      'AccessDeniedException: User is not authorized to perform: ecr:DescribeImages (HTTP 400, request r-1). The role in use lacks this permission: use the deployer role (or the planner role for plan).',
    );
  });
});
