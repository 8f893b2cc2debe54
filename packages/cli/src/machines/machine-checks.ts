import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFolderManifest } from '@data-platform/core';
import { checkDefinition, readSynthesizedStack, runJobScenarios, type TerraformJson } from '@data-platform/state-machine-harness';
// By path: the package's index loads every construct (cdktf, the provider), which validate does not need.
import { jobDeclaration } from '@data-platform/standard-etl/src/job-declaration';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';

/** What the checks of a stack's state machines found, for validate's report. */
export interface MachineCheckReport {
  readonly definitions: number;
  readonly expressions: number;
  /** Scenarios run (0 when the stack has no job). */
  readonly scenarios: number;
  readonly milliseconds: number;
}

/** Where asl-validator's verdicts are kept by definition content, like the compiled TypeScript. */
const ASL_VERDICTS = join(tmpdir(), 'data-platform-asl-validator');

/**
 * Checks every state machine a synthesized stack deploys, without AWS: the third-party
 * asl-validator on each definition, each JSONata expression compiled with jsonata 2.0.6 (the
 * version Step Functions runs), and for a job the run scenarios (duplicated triggers, retries,
 * contention, stops, timeouts, crashes, faults of every integration) executed on its machines.
 * Throws with every problem; returns the counts.
 */
export async function checkStateMachines(stack: ProjectStack, json: TerraformJson): Promise<MachineCheckReport> {
  const started = Date.now();
  const synthesized = readSynthesizedStack(stack.name, json);
  const problems: string[] = [];
  let expressions = 0;
  for (const machine of synthesized.machines) {
    const check = checkDefinition(machine.name, machine.definition, { cacheDir: ASL_VERDICTS });
    expressions += check.expressions;
    problems.push(...check.aslErrors.map((e) => `${machine.name}: asl-validator: ${e}`));
    problems.push(...check.expressionErrors.map((e) => `${machine.name}: jsonata 2.0.6: ${e}`));
  }
  let scenarios = 0;
  const manifest = readFolderManifest(stack.project.dir);
  const entry = manifest?.kind === 'pipeline' ? manifest.environments[stack.environment.name] : undefined;
  if (problems.length === 0 && entry?.mode === 'job') {
    const outcomes = await runJobScenarios(synthesized, jobDeclaration(stack.project.name, stack.environment.name, entry, started));
    scenarios = outcomes.length;
    for (const outcome of outcomes) problems.push(...outcome.problems.map((p) => `scenario "${outcome.scenario}": ${p}`));
  }
  if (problems.length > 0) throw commandErrors.machinesRefused(stack.name, problems);
  return { definitions: synthesized.machines.length, expressions, scenarios, milliseconds: Date.now() - started };
}
