import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '@data-platform/config';
import type { AwsClients } from '../aws/aws-clients';
import { imageDigest, registryLogin, repositoryUri } from '../aws/ecr-registry';
import { CommandError, commandErrors } from '../errors';
import { imageTag, type GitRevision } from '../git/git-revision';
import type { CommandRunner } from '../process/command-runner';
import type { PipelineFacts } from '../stack/stack-facts';
import { stateResources, type StateJson, type Terraform } from '../terraform/terraform';
import { buildImage, pushImage } from './docker';

/** An image reference pinned by digest, and where the choice came from (for people reading a plan). */
export interface ChosenImage {
  /** `<repository url>@sha256:<digest>`: the value of the stack's `image` variable. */
  readonly reference: string;
  readonly source: string;
  /** Set when the reference is a placeholder: the stack has never been deployed. */
  readonly placeholder?: true;
}

/** An all-zero digest, for plans of a stack that has never been deployed. */
export const PLACEHOLDER_DIGEST = `sha256:${'0'.repeat(64)}`;

/** The URI a repository has (or will have) in an account: `<account>.dkr.ecr.<region>.<suffix>/<name>`. */
export function expectedRepositoryUri(environment: ResolvedEnvironment, name: string): string {
  const suffix = environment.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${environment.accountId}.dkr.ecr.${environment.region}.${suffix}/${name}`;
}

/** The pipeline's Dockerfile, which must exist before anything is built. */
export function requireDockerfile(stack: string, pipeline: PipelineFacts): void {
  const file = join(pipeline.appDir, 'Dockerfile');
  if (!existsSync(file)) throw commandErrors.missingDockerfile(stack, file);
}

/**
 * The image the deployed stack runs, from its state: the `image` output when the stack has one,
 * else the image of the container definitions of its task definition.
 */
export function deployedImage(state: StateJson, repository?: string): string | undefined {
  const output = state.values?.outputs?.image?.value;
  if (typeof output === 'string' && output.length > 0) return output;
  for (const resource of stateResources(state).filter((r) => r.type === 'aws_ecs_task_definition')) {
    const definitions = resource.values.container_definitions;
    if (typeof definitions !== 'string') continue;
    const images = (JSON.parse(definitions) as Array<{ image?: string }>).map((c) => c.image).filter((i): i is string => Boolean(i));
    const ours = images.find((i) => repository !== undefined && i.startsWith(`${repository}@`)) ?? images[0];
    if (ours) return ours;
  }
  return undefined;
}

/**
 * The image to plan a pipeline stack with: the image of the current commit when it is in ECR; else
 * the image deployed now (so the plan shows the infrastructure change alone); else, for a stack
 * that was never deployed, a placeholder (deploy builds the real one first); else an error.
 */
export async function imageForPlan(
  aws: AwsClients,
  terraform: Terraform,
  environment: ResolvedEnvironment,
  stack: string,
  pipeline: PipelineFacts,
  revision: GitRevision,
): Promise<ChosenImage> {
  const short = revision.commit.slice(0, 12);
  const uri = await repositoryUri(aws.ecr, pipeline.repository.name);
  if (uri) {
    const digest = await imageDigest(aws.ecr, pipeline.repository.name, revision.commit);
    if (digest) return { reference: `${uri}@${digest}`, source: `the image of commit ${short}` };
  }
  const state = await terraform.showState();
  const deployed = deployedImage(state, uri);
  if (deployed) return { reference: deployed, source: `the image deployed now; commit ${short} has no image in ECR yet (deploy builds it)` };
  if (stateResources(state).some((r) => r.mode === 'managed')) {
    throw commandErrors.noImageForPlan(stack, short, pipeline.repository.name);
  }
  return {
    reference: `${uri ?? expectedRepositoryUri(environment, pipeline.repository.name)}@${PLACEHOLDER_DIGEST}`,
    source: 'a placeholder digest: this stack has never been deployed, and its first deploy builds and pushes the image',
    placeholder: true,
  };
}

/**
 * The ECR repository, created by a targeted apply of its resource alone when it is missing (the
 * image must be pushed before the task definition can name it). Returns its URI.
 */
export async function ensureRepository(
  aws: AwsClients,
  terraform: Terraform,
  environment: ResolvedEnvironment,
  pipeline: PipelineFacts,
): Promise<{ readonly uri: string; readonly created: boolean }> {
  const found = await repositoryUri(aws.ecr, pipeline.repository.name);
  if (found) return { uri: found, created: false };
  const placeholder = `${expectedRepositoryUri(environment, pipeline.repository.name)}@${PLACEHOLDER_DIGEST}`;
  await terraform.applyTargets([pipeline.repository.address], { image: placeholder });
  const uri = await repositoryUri(aws.ecr, pipeline.repository.name);
  if (!uri) {
    throw new CommandError(`terraform applied ${pipeline.repository.address}, but ECR has no repository ${pipeline.repository.name}; check the stack's repository name.`);
  }
  return { uri, created: true };
}

/** An image in ECR: what deploy pins the task definition to. */
export interface PublishedImage {
  readonly reference: string;
  readonly tag: string;
  /** False when an image of this commit was in ECR already (tags are immutable: it is the same build). */
  readonly built: boolean;
}

/**
 * The image of this revision in ECR: found by its tag when a clean commit was pushed before,
 * otherwise built (`docker build` for the task's platform), pushed after an ECR login, and looked
 * up again for its digest.
 */
export async function publishImage(
  runner: CommandRunner,
  aws: AwsClients,
  pipeline: PipelineFacts,
  uri: string,
  revision: GitRevision,
  now: Date,
): Promise<PublishedImage> {
  const tag = imageTag(revision, now);
  if (revision.changes.length === 0) {
    const existing = await imageDigest(aws.ecr, pipeline.repository.name, tag);
    if (existing) return { reference: `${uri}@${existing}`, tag, built: false };
  }
  const reference = `${uri}:${tag}`;
  await buildImage(runner, { context: pipeline.appDir, platform: pipeline.platform, tags: [reference], revision: revision.commit });
  const login = await registryLogin(aws.ecr);
  await pushImage(runner, { ...login, reference, cwd: pipeline.appDir });
  const digest = await imageDigest(aws.ecr, pipeline.repository.name, tag);
  if (!digest) throw new CommandError(`docker pushed ${reference}, but ECR lists no image tagged ${tag} in ${pipeline.repository.name}.`);
  return { reference: `${uri}@${digest}`, tag, built: true };
}
