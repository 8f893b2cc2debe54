import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';
import { EncryptionKey, permissionsBoundaryArn, regionalArn, regionalServicePrincipal } from '@data-platform/core';

export interface FlowLogsConfig {
  /** The environment the VPC belongs to. */
  readonly environment: ResolvedEnvironment;
  /** The VPC whose traffic is recorded. */
  readonly vpcId: string;
  /**
   * How long flow log records are kept, in days (a value CloudWatch Logs accepts).
   * @default 90
   */
  readonly retentionDays?: number;
}

/**
 * VPC flow logs of all traffic (accepted and rejected) into a CloudWatch log group with retention,
 * encrypted with its own KMS key, delivered through a role only the flow-logs service of this
 * account can assume.
 */
export class FlowLogs extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, config: FlowLogsConfig) {
    super(scope, id);
    const { environment } = config;
    const retentionDays = config.retentionDays ?? 90;
    const logGroupName = `/data-platform/${environment.name}/vpc-flow-logs`;
    // Written from the name, not read from the log group: the key must exist before the group.
    const logGroupArn = regionalArn(environment, 'logs', `log-group:${logGroupName}`);

    const key = new EncryptionKey(this, 'Key', {
      environment,
      alias: `data-platform-flow-logs-${environment.name}`,
      description: `Encrypts the VPC flow logs of data-platform ${environment.name}`,
      serviceStatements: [
        {
          sid: 'CloudWatchLogsEncryptsThisLogGroup',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [regionalServicePrincipal(environment, 'logs')] }],
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          condition: [{ test: 'ArnEquals', variable: 'kms:EncryptionContext:aws:logs:arn', values: [logGroupArn] }],
        },
      ],
    });

    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: logGroupName,
      retentionInDays: retentionDays,
      kmsKeyId: key.key.arn,
    });

    const trust = new DataAwsIamPolicyDocument(this, 'TrustPolicy', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [environment.accountId] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [regionalArn(environment, 'ec2', 'vpc-flow-log/*')] },
          ],
        },
      ],
    });
    const role = new IamRole(this, 'Role', {
      name: `data-platform-flow-logs-${environment.name}`,
      description: 'Delivers VPC flow logs to their CloudWatch log group',
      assumeRolePolicy: trust.json,
      permissionsBoundary: permissionsBoundaryArn(environment),
    });
    const deliver = new DataAwsIamPolicyDocument(this, 'DeliveryPolicy', {
      statement: [
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [logGroupArn, `${logGroupArn}:*`],
        },
        // DescribeLogGroups has no resource type (Service Authorization Reference): "*" is the only form IAM accepts.
        { effect: 'Allow', actions: ['logs:DescribeLogGroups'], resources: ['*'] },
      ],
    });
    new IamRolePolicy(this, 'Delivery', { role: role.name, name: 'deliver-flow-logs', policy: deliver.json });

    this.flowLog = new FlowLog(this, 'FlowLog', {
      vpcId: config.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
    });
  }
}
