import { randomBytes } from 'node:crypto';
import { partitionOf } from '@data-platform/config';
import { DataIntervalError } from '@data-platform/standard-etl/src/errors';
import {
  executionName as runName,
  intervalInput,
  type DataInterval,
} from '@data-platform/standard-etl/src/data-interval';
import { guardAccount } from '../aws/account-guard';
import { awsErrorCode } from '../aws/aws-errors';
import { executionConsoleUrl, startAndFollow } from '../aws/state-machine-execution';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts } from '../stack/stack-facts';
import { Terraform } from '../terraform/terraform';
import { guardedLine } from './state-backend';
import type { CommandContext } from './command-context';
import { runIntervalOf, type TimeRangeOptions } from './time-range';

/** A name for a run started by hand: `manual-<start>-<end>-<random6>` (the data interval, then a tag that keeps reruns apart). */
export function executionName(interval: DataInterval): string {
  return runName('manual', interval, randomBytes(3).toString('hex'));
}

/** `--from` and `--to` of `run` (see time-range.ts). */
export type RunOptions = TimeRangeOptions;

/**
 * Starts one run of a job now, through its state machine (so with the same lock, retries and
 * maximum runtime as a triggered run), for a data interval: `--from/--to`, or else the period of
 * its schedule that ended most recently; and follows it to its end. Fails, saying why and where the
 * logs are, when the execution fails, times out or is aborted.
 */
export async function run(stack: ProjectStack, context: CommandContext, options: RunOptions = {}): Promise<void> {
  const { report } = context;
  const { environment } = stack;
  const facts = readStackFacts(stack);
  const stateMachine = facts.pipeline?.stateMachine;
  if (!stateMachine) throw commandErrors.scheduledOnly(stack.name);
  let interval: DataInterval;
  try {
    interval = runIntervalOf(stack.name, 'run', options, facts.pipeline?.schedule, new Date(context.polling.now()));
  } catch (error) {
    if (error instanceof DataIntervalError) throw commandErrors.badInterval(stack.name, error.message);
    throw error;
  }
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
  report.step(`data interval ${intervalInput(interval).start} to ${intervalInput(interval).end}`);

  const logs = facts.pipeline?.logGroup
    ? `logs: CloudWatch log group ${facts.pipeline.logGroup} (\`aws logs tail ${facts.pipeline.logGroup} --since 1h --region ${environment.region}\`)`
    : 'logs: the CloudWatch log group of the task definition';
  let execution;
  try {
    execution = await startAndFollow(
      aws.sfn,
      {
        stateMachineArn: arn,
        name: executionName(interval),
        input: JSON.stringify({ interval: intervalInput(interval), trigger: { kind: 'manual', startedBy: identity.arn } }),
        region: environment.region,
      },
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
