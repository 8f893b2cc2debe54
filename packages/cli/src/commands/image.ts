import { commandErrors } from '../errors';
import { imageTag, readGitRevision } from '../git/git-revision';
import { buildImage } from '../image/docker';
import { appBuild } from '../image/pipeline-image';
import type { ProjectStack } from '../stack-project';
import { readStackFacts } from '../stack/stack-facts';
import type { CommandContext } from './command-context';

/**
 * Builds a pipeline's image locally, exactly as deploy builds it (same Dockerfile, runtime, platform
 * and label), tagged `<repository name>:<commit>`; nothing is pushed and AWS is not touched.
 */
export async function image(stack: ProjectStack, context: CommandContext): Promise<string> {
  const { report, runner } = context;
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;
  if (!pipeline) throw commandErrors.pipelineOnly('image', stack.name);
  const build = appBuild(stack.name, pipeline, context.workspaceRoot);
  const revision = await readGitRevision(runner, stack.project.dir);
  const reference = `${pipeline.repository.name}:${imageTag(revision, new Date(context.polling.now()))}`;
  report.step(`${stack.name}: docker build ${pipeline.appDir} for ${pipeline.platform} (${build.dockerfile})`);
  await buildImage(runner, { ...build, platform: pipeline.platform, tags: [reference], revision: revision.commit });
  report.summary(`${stack.name}: built ${reference} (${pipeline.platform}). Try it: docker run --rm ${reference}`);
  return reference;
}
