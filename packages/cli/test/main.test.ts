import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { failureMessage } from '../src/failure-message';
import { CommandError } from '../src/errors';
import { FakeAws } from './support/fake-aws';
import { sharedStack, tempWorkspace, type TempWorkspace } from './support/stack-fixtures';

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

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('data-platform (the bin)', () => {
  const aws = new FakeAws();
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
