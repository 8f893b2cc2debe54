import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { permissionsBoundaryArn } from '@data-platform/core';
import { Construct } from 'constructs';
import { RUN_ERRORS } from './job-definition';
import type { ResolvedPipeline } from './resolve-config';
import { ledgerWriteStatement } from './run-ledger-writes';
import { ServiceRole } from './service-role';
import { slotReleaseDefinition } from './slot-release-definition';

export interface SlotReleaseConfig {
  /** The job, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  readonly partition: string;
  /** The main state machine's ARN, whose runs' slots it frees. */
  readonly stateMachineArn: string;
  readonly runsTableName: string;
  readonly runsTableArn: string;
  /** The main machine's execution timeout: the deadline a record written from a status event carries. */
  readonly executionTimeoutSeconds: number;
}

/** The end states of a standard execution: each status event of one of them frees the run's slot. */
export const RUN_END_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * Finishes every run that ended, whatever ended it: records its end in the run ledger where the
 * run could not, and frees its run slot. A stopped execution (ABORTED) or one that outlived its
 * timeout (TIMED_OUT) runs no Catch, and one that failed in its own error handling never reaches
 * it: only something outside the run can do either. A rule on the main machine's status events
 * starts a small Express machine that writes the ended run's record (only where the run left none
 * or its RUNNING one) and deletes the slot the ended run still holds (conditioned on its name),
 * seconds after the run ended. Its role may delete items of the runs table and put the pipeline's
 * own items in the run ledger, nothing else, and the rule's role may start only it: nothing it does
 * can start a run. Status events are best effort, so the slot's expiry (the execution timeout)
 * stays the last resort.
 */
export class SlotRelease extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, config: SlotReleaseConfig) {
    super(scope, id);
    const { pipeline, partition } = config;
    const { names, environment } = pipeline;
    const { region, accountId } = environment;
    const releaseArn = `arn:${partition}:states:${region}:${accountId}:stateMachine:${names.slotReleaseStateMachine}`;

    const role = new ServiceRole(this, 'Role', {
      name: names.slotReleaseRole,
      description: `Records the end of an ended run of pipeline ${pipeline.name} (${environment.name}) and frees its run slot.`,
      service: 'states.amazonaws.com',
      sourceAccount: accountId,
      sourceArn: releaseArn,
      permissionsBoundary: permissionsBoundaryArn(environment),
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [
          { sid: 'FreeEndedRunsSlots', actions: ['dynamodb:DeleteItem'], resources: [config.runsTableArn] },
          ledgerWriteStatement(pipeline, 'RecordEndedRuns'),
        ],
      }],
    });

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: names.slotReleaseStateMachine,
      type: 'EXPRESS',
      roleArn: role.role.arn,
      definition: JSON.stringify(
        slotReleaseDefinition({
          pipeline,
          partition,
          runsTableName: config.runsTableName,
          executionTimeoutSeconds: config.executionTimeoutSeconds,
          runErrors: Object.values(RUN_ERRORS),
        }),
      ),
    });

    this.rule = new CloudwatchEventRule(this, 'RunEndedRule', {
      name: names.runEndedRule,
      description: `Records the end of a run of pipeline ${pipeline.name} (${environment.name}) that ended, and frees its run slot`,
      eventPattern: JSON.stringify({
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [config.stateMachineArn], status: [...RUN_END_STATUSES] },
      }),
      state: 'ENABLED',
    });
    const eventsRole = new ServiceRole(this, 'EventsRole', {
      name: names.runEndedRole,
      description: `Lets the run-ended rule of pipeline ${pipeline.name} (${environment.name}) start its slot release.`,
      service: 'events.amazonaws.com',
      sourceAccount: accountId,
      sourceArn: `arn:${partition}:events:${region}:${accountId}:rule/${names.runEndedRule}`,
      permissionsBoundary: permissionsBoundaryArn(environment),
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [{ sid: 'StartOwnSlotRelease', actions: ['states:StartExecution'], resources: [this.stateMachine.arn] }],
      }],
    });
    new CloudwatchEventTarget(this, 'RunEndedTarget', {
      rule: this.rule.name,
      targetId: 'slot-release',
      arn: this.stateMachine.arn,
      roleArn: eventsRole.role.arn,
      retryPolicy: { maximumRetryAttempts: 20, maximumEventAgeInSeconds: 3600 },
    });
  }
}
