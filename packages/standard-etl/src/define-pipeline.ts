import { basename, resolve } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { runApp, writeManifest } from '@data-platform/core';
import type { PipelineConfig } from './pipeline-config';
import { pipelineManifest } from './pipeline-manifest';
import { PipelineStack } from './pipeline-stack';
import { standardTransitionsPerRun } from './state-transitions';

/** A pipeline's name: the name of its folder. */
export function pipelineNameOf(folder: string): string {
  return basename(resolve(folder));
}

/**
 * The whole of a pipeline folder's `main.ts`: `definePipeline(__dirname, { ... })`. Synthesizes one
 * stack per environment, `<name>-dev`, `<name>-prod`, named after the folder. A configuration error
 * is printed as one message (pipeline, field, value, what is allowed) and nothing is synthesized.
 * Beside the stacks it writes the folder's manifest (`cdktf.out/fleet-manifest.json`), which the fleet
 * checks read.
 */
export function definePipeline(folder: string, config: PipelineConfig): void {
  const name = pipelineNameOf(folder);
  runApp((app) => {
    const stacks = [...loadEnvironments().values()].map((environment) => new PipelineStack(app, { name, environment, pipeline: config }));
    return () => {
      const transitions = Object.fromEntries(stacks.map((stack) => [stack.pipeline.pipeline.environment.name, standardTransitionsPerRun(stack)]));
      writeManifest(app.outdir, pipelineManifest(name, stacks.map((stack) => stack.pipeline.pipeline), transitions));
    };
  });
}
