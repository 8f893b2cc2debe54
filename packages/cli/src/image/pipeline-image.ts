import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '@data-platform/config';
import type { AwsClients } from '../aws/aws-clients';
import { hasImageDigest, imageDigest, registryLogin, repositoryUri } from '../aws/ecr-registry';
import { CommandError, commandErrors } from '../errors';
import { imageTag, type GitRevision } from '../git/git-revision';
import type { CommandRunner } from '../process/command-runner';
import type { ProjectStack } from '../stack-project';
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
  /** What a person reading the plan must know about this choice: it goes into the plan's notes. */
  readonly note?: string;
}

/** An all-zero digest, for plans of a stack that has never been deployed. */
export const PLACEHOLDER_DIGEST = `sha256:${'0'.repeat(64)}`;

/** The URI a repository has (or will have) in an account: `<account>.dkr.ecr.<region>.<suffix>/<name>`. */
export function expectedRepositoryUri(environment: ResolvedEnvironment, name: string): string {
  const suffix = environment.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${environment.accountId}.dkr.ecr.${environment.region}.${suffix}/${name}`;
}

/**
 * Whether the pipeline's image is built from this repository: its folder holds `app/`. A pipeline
 * folder without `app/` is one whose code lives in its own repository: that repository's workflow
 * builds the image and deploys it through universal-deploy (`deploy --image`), and a deploy from
 * here keeps the image deployed now.
 */
export function imageBuiltHere(pipeline: PipelineFacts): boolean {
  return existsSync(pipeline.appDir);
}

/**
 * The platform's Python runtime, relative to the workspace root: the build context named `runtime`
 * of every app image, and the home of the standard Dockerfile.
 */
export const RUNTIME_FOLDER = join('packages', 'pipeline-runtime');

/** How a pipeline's app folder becomes an image. */
export interface AppBuild {
  /** The build context: the pipeline's `app/` folder. */
  readonly context: string;
  /** The app's own `app/Dockerfile`, else the platform's standard one (`packages/pipeline-runtime/Dockerfile`). */
  readonly dockerfile: string;
  /** Named build contexts: `runtime`, the platform's Python runtime, which the Dockerfile copies and installs. */
  readonly buildContexts: Readonly<Record<string, string>>;
}

/**
 * The build of the pipeline's app, checked before anything is built: the app folder holds its own
 * Dockerfile or a `main.py` the standard image runs, and the workspace holds the runtime. The image
 * gets the runtime without publishing it anywhere: it is a second build context (`COPY --from=runtime`).
 */
export function appBuild(stack: string, pipeline: PipelineFacts, workspaceRoot: string): AppBuild {
  if (!imageBuiltHere(pipeline)) throw commandErrors.imageBuiltElsewhere(stack, pipeline.appDir);
  const own = join(pipeline.appDir, 'Dockerfile');
  if (!existsSync(own) && !existsSync(join(pipeline.appDir, 'main.py'))) throw commandErrors.appWithoutEntrypoint(stack, pipeline.appDir);
  const runtime = join(workspaceRoot, RUNTIME_FOLDER);
  const standard = join(runtime, 'Dockerfile');
  if (!existsSync(standard)) throw commandErrors.runtimeMissing(stack, runtime);
  return { context: pipeline.appDir, dockerfile: existsSync(own) ? own : standard, buildContexts: { runtime } };
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

/** The plan's note for a pipeline built here that was never deployed. */
const FIRST_IMAGE_HERE = 'Planned with a placeholder image digest: this stack has never been deployed, and its first deploy builds and pushes the image.';

/** The plan's note for a pipeline built in its own repository, with no image deployed yet. */
export const FIRST_IMAGE_ELSEWHERE =
  'Planned with a placeholder image digest: no image of this pipeline has been deployed yet. Its code lives in its own repository, ' +
  'which builds and pushes the first image through universal-deploy; that run applies this stack with it.';

/**
 * The image to plan a pipeline stack with. For a pipeline built here (`revision` given): the image
 * of the current commit when it is in ECR; else the image deployed now (so the plan shows the
 * infrastructure change alone); else, for a stack that was never deployed, a placeholder (deploy
 * builds the real one first); else an error. For a pipeline built in its own repository (no
 * `revision`): the image deployed now, else a placeholder until universal-deploy pushes the first.
 */
export async function imageForPlan(
  aws: AwsClients,
  terraform: Terraform,
  environment: ResolvedEnvironment,
  stack: string,
  pipeline: PipelineFacts,
  revision: GitRevision | undefined,
): Promise<ChosenImage> {
  const uri = await repositoryUri(aws.ecr, pipeline.repository.name);
  const short = revision?.commit.slice(0, 12);
  if (uri && revision) {
    const digest = await imageDigest(aws.ecr, pipeline.repository.name, revision.commit);
    if (digest) return { reference: `${uri}@${digest}`, source: `the image of commit ${short}` };
  }
  const state = await terraform.showState();
  const deployed = deployedImage(state, uri);
  const placeholder = `${uri ?? expectedRepositoryUri(environment, pipeline.repository.name)}@${PLACEHOLDER_DIGEST}`;
  if (!revision) {
    if (deployed) return { reference: deployed, source: 'the image deployed now (this pipeline\'s images come from its own repository, through universal-deploy)' };
    return { reference: placeholder, source: 'a placeholder digest: no image of this pipeline has been deployed yet', placeholder: true, note: FIRST_IMAGE_ELSEWHERE };
  }
  if (deployed) return { reference: deployed, source: `the image deployed now; commit ${short} has no image in ECR yet (deploy builds it)` };
  if (stateResources(state).some((r) => r.mode === 'managed')) {
    throw commandErrors.noImageForPlan(stack, short!, pipeline.repository.name);
  }
  return {
    reference: placeholder,
    source: 'a placeholder digest: this stack has never been deployed, and its first deploy builds and pushes the image',
    placeholder: true,
    note: FIRST_IMAGE_HERE,
  };
}

/** An image given by reference and pinned by digest (`deploy --image`). */
export interface PinnedImage {
  /** `<repository uri>@sha256:<digest>`, as given. */
  readonly reference: string;
  /** `<registry>/<repository name>`. */
  readonly repositoryUri: string;
  /** `sha256:<64 hex digits>`. */
  readonly digest: string;
}

/** `<registry>/<repository path>@sha256:<64 hex>`: no tag, no whitespace. */
const PINNED_IMAGE = /^(?<uri>[^\s@/:]+(?::\d+)?\/[^\s@:]+)@(?<digest>sha256:[0-9a-f]{64})$/;

/**
 * Reads `deploy --image` before anything touches AWS: an image pinned by digest, in a repository of
 * this pipeline's name. Its registry (account and region) is checked against ECR by `verifyPinnedImage`.
 */
export function parsePinnedImage(stack: string, image: string, environment: ResolvedEnvironment, pipeline: PipelineFacts): PinnedImage {
  const expected = expectedRepositoryUri(environment, pipeline.repository.name);
  const groups = PINNED_IMAGE.exec(image)?.groups;
  if (!groups) throw commandErrors.badImageReference(stack, image, expected);
  const uri = groups.uri!;
  if (uri.slice(uri.indexOf('/') + 1) !== pipeline.repository.name) throw commandErrors.imageFromOtherRepository(stack, image, expected);
  return { reference: image, repositoryUri: uri, digest: groups.digest! };
}

/**
 * Checks a given image against ECR: the pipeline's repository exists, it is the one the reference
 * names (registry included, so the account and region too), and it holds an image with that digest
 * (DescribeImages by digest). Returns the repository's URI.
 */
export async function verifyPinnedImage(aws: AwsClients, stack: ProjectStack, pipeline: PipelineFacts, image: PinnedImage): Promise<string> {
  const name = pipeline.repository.name;
  const uri = await repositoryUri(aws.ecr, name);
  if (!uri) throw commandErrors.imageRepositoryMissing(stack.name, name, stack.project.name, stack.environment.name);
  if (uri !== image.repositoryUri) throw commandErrors.imageFromOtherRepository(stack.name, image.reference, uri);
  if (!(await hasImageDigest(aws.ecr, name, image.digest))) throw commandErrors.imageNotPushed(stack.name, image.reference, name);
  return uri;
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
  build: AppBuild,
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
  await buildImage(runner, { ...build, platform: pipeline.platform, tags: [reference], revision: revision.commit });
  const login = await registryLogin(aws.ecr);
  await pushImage(runner, { ...login, reference, cwd: pipeline.appDir });
  const digest = await imageDigest(aws.ecr, pipeline.repository.name, tag);
  if (!digest) throw new CommandError(`docker pushed ${reference}, but ECR lists no image tagged ${tag} in ${pipeline.repository.name}.`);
  return { reference: `${uri}@${digest}`, tag, built: true };
}
