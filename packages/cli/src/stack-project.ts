import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadEnvironment, type ResolvedEnvironment } from '@data-platform/config';
import { stackName } from '@data-platform/core';
import { commandErrors } from './errors';
import type { SynthesizedStack } from './terraform/offline-test';

/** A folder holding a `cdktf.json` (the shared stack or a pipeline): its name is the folder's. */
export class StackProject {
  readonly dir: string;
  readonly name: string;
  /** The shell command that synthesizes it, from `cdktf.json`'s `app`. */
  readonly app: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.name = basename(this.dir);
    const file = join(this.dir, 'cdktf.json');
    if (!existsSync(file)) throw commandErrors.noCdktfJson(this.dir);
    const app = (JSON.parse(readFileSync(file, 'utf8')) as { app?: unknown }).app;
    if (typeof app !== 'string' || app.length === 0) throw commandErrors.badCdktfApp(file, app);
    this.app = app;
  }

  /** The stack of this project in one environment. */
  stack(environmentName: string): ProjectStack {
    const environment = loadEnvironment(environmentName);
    const name = stackName(this.name, environment.name);
    return { project: this, environment, name, dir: join(this.dir, 'cdktf.out', 'stacks', name) };
  }
}

export interface ProjectStack {
  readonly project: StackProject;
  readonly environment: ResolvedEnvironment;
  /** `<project>-<environment>`. */
  readonly name: string;
  /** Its synthesized folder, `cdktf.out/stacks/<name>`, where terraform runs. */
  readonly dir: string;
}

/** The synthesized Terraform JSON of a stack; fails with the command to run when it is missing. */
export function readSynthesized(stack: ProjectStack): SynthesizedStack {
  const file = join(stack.dir, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw commandErrors.notSynthesized(stack.name, file, stack.project.name);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as SynthesizedStack;
}
