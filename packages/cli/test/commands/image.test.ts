import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { image } from '../../src/commands/image';
import { CommandError } from '../../src/errors';
import { testContext, useFakeAws } from '../support/aws-context';
import { COMMIT, scriptedRunner } from '../support/scripted-runner';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

describe('image', () => {
  const { aws, workspace } = useFakeAws();

  test('image - builds the app folder for the task platform, tagged <repository>:<commit>, without touching AWS', async () => {
    const stack = pipelineStack(workspace().root, { mode: 'schedule', cpuArchitecture: 'X86_64' });
    const runner = scriptedRunner();
    const ctx = testContext(runner, workspace().root);

    await expect(image(stack, ctx)).resolves.toBe(`dp-ticketing-api-dev:${COMMIT}`);

    const appDir = join(stack.project.dir, 'app');
    expect(runner.lines()).toEqual([
      'git rev-parse --verify HEAD',
      'git status --porcelain',
      `docker build --platform linux/amd64 --label org.opencontainers.image.revision=${COMMIT} ` +
        `--build-context runtime=${join(workspace().root, 'packages', 'pipeline-runtime')} -f ${join(appDir, 'Dockerfile')} -t dp-ticketing-api-dev:${COMMIT} ${appDir}`,
    ]);
    expect(runner.calls[2]!.cwd).toBe(appDir);
    expect(aws.requests).toEqual([]);
    expect(ctx.report.summaries).toEqual([`ticketing-api-dev: built dp-ticketing-api-dev:${COMMIT} (linux/amd64). Try it: docker run --rm dp-ticketing-api-dev:${COMMIT}`]);
  });

  test('image - an app without a Dockerfile of its own is built with the runtime\'s standard one', async () => {
    const stack = pipelineStack(workspace().root, { mode: 'schedule' });
    const appDir = join(stack.project.dir, 'app');
    rmSync(join(appDir, 'Dockerfile'));
    writeFileSync(join(appDir, 'main.py'), 'print("hello")\n');
    const runner = scriptedRunner();

    await image(stack, testContext(runner, workspace().root));

    expect(runner.calls[2]!.args).toEqual(expect.arrayContaining(['-f', join(workspace().root, 'packages', 'pipeline-runtime', 'Dockerfile')]));
  });

  test('image - throws, building nothing, when the workspace has no runtime to build with', async () => {
    const stack = pipelineStack(workspace().root, { mode: 'schedule' });
    const runtime = join(workspace().root, 'packages', 'pipeline-runtime');
    renameSync(runtime, `${runtime}-moved`);
    const runner = scriptedRunner();
    try {
      await expect(image(stack, testContext(runner, workspace().root))).rejects.toThrow(
        `ticketing-api-dev: ${runtime} is missing; every app image is built with the platform's Python runtime from that folder ` +
          '(the build context "runtime" and the standard Dockerfile). Run the command from a checkout of the platform repository.',
      );
      expect(runner.calls).toEqual([]);
    } finally {
      renameSync(`${runtime}-moved`, runtime);
    }
  });

  test('image - passes on what docker said when the build fails', async () => {
    const runner = scriptedRunner({ fail: { 'docker build': 'ERROR: failed to read dockerfile\nCannot connect to the Docker daemon at unix:///var/run/docker.sock' } });
    const error = (await image(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe('docker build failed (exit 1):\nERROR: failed to read dockerfile\nCannot connect to the Docker daemon at unix:///var/run/docker.sock');
  });

  test('image - throws, building nothing, for a pipeline without app/: its image is built in its own repository', async () => {
    const stack = pipelineStack(workspace().root, { mode: 'service', withApp: false });
    const runner = scriptedRunner();
    await expect(image(stack, testContext(runner, workspace().root))).rejects.toThrow(
      `ticketing-api-dev: ${join(stack.project.dir, 'app')} does not exist, so there is no image to build here: this pipeline's code lives in its own repository, ` +
        'whose workflow builds the image and deploys it through universal-deploy.yml. Build it there.',
    );
    expect(runner.calls).toEqual([]);
  });

  test('image - throws for a stack without an image', async () => {
    await expect(image(sharedStack(workspace().root), testContext(scriptedRunner(), workspace().root))).rejects.toThrow(
      'image is for pipeline stacks only: shared-dev has no aws_ecr_repository, so it has no image to build.',
    );
  });
});
