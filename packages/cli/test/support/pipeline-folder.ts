import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { writeManifest } from '@data-platform/core';
import { PipelineStack, pipelineManifest, type PipelineConfig } from '@data-platform/standard-etl';
import { Testing } from 'cdktf';
import { StackProject, type ProjectStack } from '../../src/stack-project';

/**
 * A pipeline folder as its synth leaves it: `pipelines/<name>/cdktf.out` holding every
 * environment's synthesized stack (by the real standard-etl) and the folder's manifest, in a
 * temporary workspace. Returns its dev stack. Its owner is `analytics` unless the config names one.
 */
export function synthesizedPipelineFolder(
  root: string,
  name: string,
  given: Omit<PipelineConfig, 'owner'> & { readonly owner?: string },
): ProjectStack {
  const config: PipelineConfig = { owner: 'analytics', ...given };
  const dir = join(root, 'pipelines', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: 'node -r @data-platform/core/register main.ts' }));
  const stacks = [...loadEnvironments().values()].map((environment) => new PipelineStack(Testing.app(), { name, environment, pipeline: config }));
  for (const stack of stacks) {
    const stackDir = join(dir, 'cdktf.out', 'stacks', stack.node.id);
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), Testing.synth(stack));
  }
  writeManifest(join(dir, 'cdktf.out'), pipelineManifest(name, stacks.map((s) => s.pipeline.pipeline)));
  return new StackProject(dir).stack('dev');
}
