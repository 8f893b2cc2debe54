import { existsSync } from 'node:fs';
import { CommandError } from '../../src/errors';
import { buildImage, pushImage } from '../../src/image/docker';
import { RecordingRunner } from '../support/recording-runner';

const push = { registry: '111111111111.dkr.ecr.eu-west-1.amazonaws.com', username: 'AWS', password: 'token-123', reference: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-x-dev:abc', cwd: '/tmp' };

describe('docker', () => {
  test('pushImage - a failed login stops before the push, says what docker said, and leaves no DOCKER_CONFIG behind', async () => {
    const runner = new RecordingRunner((call) => (call.args[0] === 'login' ? { exitCode: 1, stderr: 'Error response from daemon: login attempt failed with status: 400 Bad Request' } : undefined));
    const error = (await pushImage(runner, push).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe('docker login failed (exit 1):\nError response from daemon: login attempt failed with status: 400 Bad Request');
    expect(runner.steps()).toEqual(['docker login']);
    expect(runner.calls[0]!.input).toBe('token-123');
    expect(runner.calls[0]!.dockerConfigExisted).toBe(true);
    expect(existsSync(runner.calls[0]!.env.DOCKER_CONFIG!)).toBe(false);
  });

  test('buildImage - the platform, the revision label, the runtime as a named context, the Dockerfile, every tag, and the context last; output streamed', async () => {
    const runner = new RecordingRunner(() => undefined);
    await buildImage(runner, {
      context: '/w/pipelines/x/app',
      dockerfile: '/w/packages/pipeline-runtime/Dockerfile',
      buildContexts: { runtime: '/w/packages/pipeline-runtime' },
      platform: 'linux/arm64',
      tags: ['x:1', 'x:latest-local'],
      revision: 'abc',
    });
    expect(runner.lines()).toEqual([
      'docker build --platform linux/arm64 --label org.opencontainers.image.revision=abc --build-context runtime=/w/packages/pipeline-runtime ' +
        '-f /w/packages/pipeline-runtime/Dockerfile -t x:1 -t x:latest-local /w/pipelines/x/app',
    ]);
    expect(runner.calls[0]!.stream).toBe(true);
  });
});
