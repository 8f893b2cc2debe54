import { partitionOf } from '@data-platform/config';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import { literal, type StackFacts } from '../stack/stack-facts';
import { Terraform } from '../terraform/terraform';
import type { CommandContext } from './command-context';

/**
 * The ARN of a job's state machine: from its name when synth knows it (no AWS call, no state), else
 * from the `state_machine_arn` output in the stack's state.
 */
export async function stateMachineArnOf(stack: ProjectStack, facts: StackFacts, context: CommandContext): Promise<string> {
  const { environment } = stack;
  const stateMachine = facts.pipeline?.stateMachine;
  const name = literal(stateMachine?.config.name);
  if (name) return `arn:${partitionOf(environment.region)}:states:${environment.region}:${environment.accountId}:stateMachine:${name}`;
  const terraform = new Terraform(context.runner, stack.name, stack.dir, context.terraformEnv);
  await terraform.initBackend();
  const value = (await terraform.outputs()).state_machine_arn?.value;
  if (typeof value !== 'string') throw commandErrors.notDeployed(stack.name, 'its state machine (no state_machine_arn output in the state)', stack.project.name, environment.name);
  return value;
}
