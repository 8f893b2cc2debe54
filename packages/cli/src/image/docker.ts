import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandResult, CommandRunner } from '../process/command-runner';
import { CommandError } from '../errors';
import type { AppBuild } from './pipeline-image';

/** What one `docker build` of a pipeline image needs. */
export interface ImageBuild extends AppBuild {
  /** `--platform`, matching the task definition's CPU architecture. */
  readonly platform: string;
  /** Every `-t` reference the image gets. */
  readonly tags: readonly string[];
  /** The git commit it is built from (an OCI revision label). */
  readonly revision: string;
}

function check(step: string, result: CommandResult): CommandResult {
  if (result.exitCode !== 0) {
    const lines = `${result.stderr}\n${result.stdout}`.trim().split('\n');
    throw new CommandError(`docker ${step} failed (exit ${result.exitCode}):\n${lines.slice(-30).join('\n')}`);
  }
  return result;
}

/** The arguments of `docker build` for one build: every named context, the Dockerfile, each tag, the context last. */
export function buildArguments(build: ImageBuild): string[] {
  const args = ['build', '--platform', build.platform, '--label', `org.opencontainers.image.revision=${build.revision}`];
  for (const [name, dir] of Object.entries(build.buildContexts)) args.push('--build-context', `${name}=${dir}`);
  args.push('-f', build.dockerfile);
  for (const tag of build.tags) args.push('-t', tag);
  args.push(build.context);
  return args;
}

/**
 * `docker build` of a pipeline's app folder, the one path `image`, `deploy` and `run-local` share.
 * Named build contexts need BuildKit, docker's builder by default since Docker Engine 23.
 */
export async function buildImage(runner: CommandRunner, build: ImageBuild): Promise<void> {
  const args = buildArguments(build);
  check('build', await runner.run('docker', args, { cwd: build.context, stream: true }));
}

/**
 * Logs in to a registry and pushes one reference. The password reaches `docker login` on standard
 * input only, never in arguments; docker keeps the login in a private, temporary DOCKER_CONFIG
 * that is deleted after the push, so the token outlives neither the push nor this process.
 */
export async function pushImage(
  runner: CommandRunner,
  push: { readonly registry: string; readonly username: string; readonly password: string; readonly reference: string; readonly cwd: string },
): Promise<void> {
  const config = mkdtempSync(join(tmpdir(), 'data-platform-docker-'));
  try {
    const env = { DOCKER_CONFIG: config };
    check(
      'login',
      await runner.run('docker', ['login', '--username', push.username, '--password-stdin', push.registry], {
        cwd: push.cwd,
        env,
        input: push.password,
      }),
    );
    check('push', await runner.run('docker', ['push', push.reference], { cwd: push.cwd, env, stream: true }));
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}
