import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { permissionsBoundaryArn, type SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ErrorSite } from './errors';
import type { ResolvedPipeline } from './resolve-config';
import { ServiceRole } from './service-role';
import { triggerDefinition, upstreamStateMachineName } from './trigger-definition';

export interface RunTriggerConfig {
  /** The job, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  readonly platform: SharedPlatform;
  readonly partition: string;
  /** The main state machine's ARN, derived from its name. */
  readonly stateMachineArn: string;
  readonly runsTableName: string;
  readonly runsTableArn: string;
  /** For error messages. */
  readonly site: ErrorSite;
}

/**
 * What starts the runs of a job: the Express trigger machine (it alone may start the main
 * machine), and for `after` and `onData` one EventBridge rule each on the default bus, whose role
 * may start only this trigger. One rule per downstream lists all its upstreams, so a fleet needs
 * one rule per job, not one per dependency edge.
 */
export class RunTrigger extends Construct {
  readonly stateMachine: SfnStateMachine;

  constructor(scope: Construct, id: string, config: RunTriggerConfig) {
    super(scope, id);
    const { pipeline, platform, partition } = config;
    const { names, environment, orchestration } = pipeline;
    const { region, accountId } = environment;
    const triggerArn = `arn:${partition}:states:${region}:${accountId}:stateMachine:${names.triggerStateMachine}`;

    const role = new ServiceRole(this, 'Role', {
      name: names.triggerRole,
      description: `Starts the runs of pipeline ${pipeline.name} (${environment.name}) from its trigger.`,
      service: 'states.amazonaws.com',
      sourceAccount: accountId,
      permissionsBoundary: permissionsBoundaryArn(environment),
      sourceArn: triggerArn,
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [
          { sid: 'StartOwnRuns', actions: ['states:StartExecution'], resources: [config.stateMachineArn] },
          ...(orchestration.after.length > 1
            ? [{ sid: 'RecordUpstreamSuccesses', actions: ['dynamodb:UpdateItem'], resources: [config.runsTableArn] }]
            : []),
        ],
      }],
    });

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: names.triggerStateMachine,
      type: 'EXPRESS',
      roleArn: role.role.arn,
      definition: JSON.stringify(
        triggerDefinition({ pipeline, partition, stateMachineArn: config.stateMachineArn, runsTableName: config.runsTableName, site: config.site }),
      ),
    });

    const patterns: Array<{ id: string; name: string; description: string; pattern: Record<string, unknown> }> = [];
    if (orchestration.after.length > 0) {
      patterns.push({
        id: 'AfterRule',
        name: names.afterRule,
        description: `Starts pipeline ${pipeline.name} (${environment.name}) after ${orchestration.after.join(', ')} succeed`,
        pattern: {
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
          detail: {
            status: ['SUCCEEDED'],
            stateMachineArn: orchestration.after.map(
              (u) => `arn:${partition}:states:${region}:${accountId}:stateMachine:${upstreamStateMachineName(u, environment.name)}`,
            ),
          },
        },
      });
    }
    if (orchestration.onData) {
      patterns.push({
        id: 'OnDataRule',
        name: names.onDataRule,
        description: `Starts pipeline ${pipeline.name} (${environment.name}) when objects land under ${orchestration.onData.prefixes.join(', ')}`,
        pattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: {
            bucket: { name: [platform.lakeBucketName] },
            object: { key: orchestration.onData.prefixes.map((prefix) => ({ prefix })) },
          },
        },
      });
    }
    if (patterns.length === 0) return;

    const eventsRole = new ServiceRole(this, 'EventsRole', {
      name: names.eventsRole,
      description: `Lets the EventBridge rules of pipeline ${pipeline.name} (${environment.name}) start its trigger.`,
      service: 'events.amazonaws.com',
      sourceAccount: accountId,
      permissionsBoundary: permissionsBoundaryArn(environment),
      sourceArn: `arn:${partition}:events:${region}:${accountId}:rule/${names.base}-*`,
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [{ sid: 'StartOwnTrigger', actions: ['states:StartExecution'], resources: [this.stateMachine.arn] }],
      }],
    });
    for (const rule of patterns) {
      const eventRule = new CloudwatchEventRule(this, rule.id, {
        name: rule.name,
        description: rule.description,
        eventPattern: JSON.stringify(rule.pattern),
        state: 'ENABLED',
      });
      new CloudwatchEventTarget(this, `${rule.id}Target`, {
        rule: eventRule.name,
        targetId: 'trigger',
        arn: this.stateMachine.arn,
        roleArn: eventsRole.role.arn,
        retryPolicy: { maximumRetryAttempts: 20, maximumEventAgeInSeconds: 3600 },
      });
    }
  }
}
