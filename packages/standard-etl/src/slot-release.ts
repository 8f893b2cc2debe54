import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { permissionsBoundaryArn } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedPipeline } from './resolve-config';
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
}

/** The end states of a standard execution: each status event of one of them frees the run's slot. */
export const RUN_END_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * Frees the run slot of every run that ended, whatever ended it. A stopped execution (ABORTED)
 * or one that outlived its timeout (TIMED_OUT) runs no Catch, and one that failed in its own
 * error handling never reaches it: only something outside the run can free its slot. A rule on the
 * main machine's status events starts a small Express machine that deletes the slot the ended run
 * still holds (conditioned on its name), seconds after the run ended. Its role may delete items of
 * the runs table and nothing else, and the rule's role may start only it: nothing it does can start
 * a run. Status events are best effort, so the slot's expiry (the execution timeout) stays the
 * last resort.
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
      description: `Frees the run slot of an ended run of pipeline ${pipeline.name} (${environment.name}).`,
      service: 'states.amazonaws.com',
      sourceAccount: accountId,
      sourceArn: releaseArn,
      permissionsBoundary: permissionsBoundaryArn(environment),
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [{ sid: 'FreeEndedRunsSlots', actions: ['dynamodb:DeleteItem'], resources: [config.runsTableArn] }],
      }],
    });

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: names.slotReleaseStateMachine,
      type: 'EXPRESS',
      roleArn: role.role.arn,
      definition: JSON.stringify(slotReleaseDefinition({ pipeline, partition, runsTableName: config.runsTableName })),
    });

    this.rule = new CloudwatchEventRule(this, 'RunEndedRule', {
      name: names.runEndedRule,
      description: `Frees the run slot of a run of pipeline ${pipeline.name} (${environment.name}) that ended`,
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
