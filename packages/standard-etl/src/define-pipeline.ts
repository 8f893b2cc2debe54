import { basename, resolve } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { runApp } from '@data-platform/core';
import type { PipelineConfig } from './pipeline-config';
import { PipelineStack } from './pipeline-stack';

/** A pipeline's name: the name of its folder. */
export function pipelineNameOf(folder: string): string {
  return basename(resolve(folder));
}

/**
 * The whole of a pipeline folder's `main.ts`: `definePipeline(__dirname, { ... })`. Synthesizes one
 * stack per environment, `<name>-dev`, `<name>-prod`, named after the folder. A configuration error
 * is printed as one message (pipeline, field, value, what is allowed) and nothing is synthesized.
 */
export function definePipeline(folder: string, config: PipelineConfig): void {
  const name = pipelineNameOf(folder);
  runApp((app) => {
    for (const environment of loadEnvironments().values()) {
      new PipelineStack(app, { name, environment, pipeline: config });
    }
  });
}
