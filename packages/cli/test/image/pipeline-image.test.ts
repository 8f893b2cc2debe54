import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { CommandError } from '../../src/errors';
import { deployedImage, imageBuiltHere, parsePinnedImage } from '../../src/image/pipeline-image';
import type { PipelineFacts } from '../../src/stack/stack-facts';
import { tempWorkspace } from '../support/stack-fixtures';

const dev = loadEnvironment('dev');
const URI = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const pipeline = (appDir = '/nonexistent/app'): PipelineFacts => ({
  repository: { address: 'aws_ecr_repository.Repository', name: 'dp-ticketing-api-dev' },
  takesImage: true,
  platform: 'linux/arm64',
  appDir,
});

describe('pipeline-image', () => {
  test('parsePinnedImage - splits <repository uri>@sha256:<digest> of the pipeline\'s repository', () => {
    expect(parsePinnedImage('ticketing-api-dev', `${URI}@${DIGEST}`, dev, pipeline())).toEqual({ reference: `${URI}@${DIGEST}`, repositoryUri: URI, digest: DIGEST });
    // The registry is not judged here: ECR's own URI of the repository is, once the account is known.
    const elsewhere = `222222222222.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev@${DIGEST}`;
    expect(parsePinnedImage('ticketing-api-dev', elsewhere, dev, pipeline()).repositoryUri).toBe('222222222222.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev');
  });

  test.each([
    `${URI}@sha256:${'A'.repeat(64)}`,
    `${URI}@sha512:${'a'.repeat(128)}`,
    `${URI}@${DIGEST} `,
    ` ${URI}@${DIGEST}`,
    `${URI}:${DIGEST.slice(7)}`,
    `${URI}@${DIGEST}@${DIGEST}`,
    '',
  ])('parsePinnedImage - throws for %j: not an image pinned by a sha256 digest', (image) => {
    const parse = () => parsePinnedImage('ticketing-api-dev', image, dev, pipeline());
    expect(parse).toThrow(CommandError);
    expect(parse).toThrow(
      `ticketing-api-dev: --image is ${JSON.stringify(image)}; expected an image of this pipeline pinned by digest, ${URI}@sha256:<64 hex digits> ` +
        '(the digest docker push or docker/build-push-action prints). A tag is not accepted: the task definition is pinned by digest, and a tag can be moved.',
    );
  });

  test('parsePinnedImage - throws for an image of another repository, naming the pipeline\'s', () => {
    const other = `${URI}-old@${DIGEST}`;
    expect(() => parsePinnedImage('ticketing-api-dev', other, dev, pipeline())).toThrow(
      `ticketing-api-dev: --image ${other} is not in this pipeline's ECR repository ${URI}; only an image pushed there can be deployed to ticketing-api-dev.`,
    );
  });

  test('imageBuiltHere - true when the pipeline folder holds app/, false without it', () => {
    const workspace = tempWorkspace();
    try {
      const appDir = join(workspace.root, 'app');
      expect(imageBuiltHere(pipeline(appDir))).toBe(false);
      mkdirSync(appDir);
      expect(imageBuiltHere(pipeline(appDir))).toBe(true);
      rmSync(appDir, { recursive: true });
      expect(imageBuiltHere(pipeline(appDir))).toBe(false);
    } finally {
      workspace.remove();
    }
  });

  test('deployedImage - the image output first, else the pipeline\'s container of the task definition, else nothing', () => {
    const taskDefinition = (images: string[]) => ({
      address: 'aws_ecs_task_definition.TaskDefinition',
      mode: 'managed' as const,
      type: 'aws_ecs_task_definition',
      name: 'TaskDefinition',
      values: { container_definitions: JSON.stringify(images.map((image, i) => ({ name: `c${i}`, image }))) },
    });
    const sidecar = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0';
    const state = { values: { root_module: { resources: [taskDefinition([sidecar, `${URI}@${DIGEST}`])] } } };
    expect(deployedImage(state, URI)).toBe(`${URI}@${DIGEST}`);
    expect(deployedImage({ values: { ...state.values, outputs: { image: { value: `${URI}@sha256:${'f'.repeat(64)}` } } } }, URI)).toBe(`${URI}@sha256:${'f'.repeat(64)}`);
    expect(deployedImage({}, URI)).toBeUndefined();
    expect(deployedImage({ values: { root_module: { resources: [] } } }, URI)).toBeUndefined();
  });
});
