import { randomBytes } from 'node:crypto';
import { partitionOf } from '@data-platform/config';
import { guardAccount } from '../aws/account-guard';
import { awsErrorCode } from '../aws/aws-errors';
import { executionConsoleUrl, startAndFollow } from '../aws/state-machine-execution';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts } from '../stack/stack-facts';
import { Terraform } from '../terraform/terraform';
import { guardedLine } from './state-backend';
import type { CommandContext } from './command-context';

/** A name for a run started by hand: `manual-<UTC time>-<random>` (Step Functions allows 80 characters). */
export function executionName(now: Date): string {
  return `manual-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Starts one execution of a scheduled pipeline now, through its state machine (so with the same
 * retries and maximum runtime as a scheduled run), and follows it to its end. Fails, saying why and
 * where the logs are, when the execution fails, times out or is aborted.
 */
export async function run(stack: ProjectStack, context: CommandContext): Promise<void> {
  const { report } = context;
  const { environment } = stack;
  const facts = readStackFacts(stack);
  const stateMachine = facts.pipeline?.stateMachine;
  if (!stateMachine) throw commandErrors.scheduledOnly(stack.name);
  const aws = context.aws(environment.region);
  const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
  report.step(guardedLine(identity, stack));

  let arn: string;
  const name = literal(stateMachine.config.name);
  if (name) {
    arn = `arn:${partitionOf(environment.region)}:states:${environment.region}:${environment.accountId}:stateMachine:${name}`;
  } else {
    const terraform = new Terraform(context.runner, stack.name, stack.dir, context.terraformEnv);
    await terraform.initBackend();
    const value = (await terraform.outputs()).state_machine_arn?.value;
    if (typeof value !== 'string') throw commandErrors.notDeployed(stack.name, 'its state machine (no state_machine_arn output in the state)', stack.project.name, environment.name);
    arn = value;
  }
  report.step(`state machine ${arn}`);

  const logs = facts.pipeline?.logGroup
    ? `logs: CloudWatch log group ${facts.pipeline.logGroup} (\`aws logs tail ${facts.pipeline.logGroup} --since 1h --region ${environment.region}\`)`
    : 'logs: the CloudWatch log group of the task definition';
  let execution;
  try {
    execution = await startAndFollow(
      aws.sfn,
      { stateMachineArn: arn, name: executionName(new Date(context.polling.now())), input: '{}', region: environment.region },
      context.polling,
      report,
    );
  } catch (error) {
    if (awsErrorCode(error) === 'StateMachineDoesNotExist') {
      throw commandErrors.notDeployed(stack.name, `the state machine ${arn}`, stack.project.name, environment.name);
    }
    throw error;
  }
  if (execution.status !== 'SUCCEEDED') {
    throw commandErrors.executionEnded(
      stack.name,
      execution.status ?? 'UNKNOWN',
      execution.error ?? '',
      execution.cause ?? '',
      `${logs}\nexecution: ${executionConsoleUrl(environment.region, execution.executionArn!)}`,
    );
  }
  report.summary(`${stack.name}: the run SUCCEEDED. ${logs}.`);
}
