import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ResolvedEnvironment } from '@data-platform/config';
import { BREAK_GLASS_REASON_TAG, platformNames, PLATFORM_NAME_PREFIX, regionalArn } from '@data-platform/core';
import { suppressPolicy } from '@data-platform/policies';
import { Construct } from 'constructs';
import type { DeployerRole } from './deployer-role';

export interface BreakGlassRoleConfig {
  /** A protected environment: its `breakGlass.assumedBy` roles may assume this one. */
  readonly environment: ResolvedEnvironment;
  /** The role's name, from `platformNames(environment).breakGlassRole`. */
  readonly roleName: string;
  /** The deployer role, whose policy documents this role is given as they are. */
  readonly deployer: DeployerRole;
}

/**
 * The role a person assumes with `--break-glass "<reason>"` to run deploy, destroy, rollback or
 * backfill in a protected environment outside the deploy workflow. Only the configured roles of the
 * account may assume it, and only with a source identity (who: it stays on the session and on every
 * role chained from it) and the reason as a session tag, so CloudTrail shows who and why. It may do
 * exactly what the deployer may (the deployer's own policy documents, not a copy: it cannot change
 * itself either), and publish to the alerts topic (with its key, through SNS), where the session
 * announces itself first.
 */
export class BreakGlassRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, config: BreakGlassRoleConfig) {
    super(scope, id);
    const { environment, deployer } = config;

    const trust = new DataAwsIamPolicyDocument(this, 'TrustPolicy', {
      statement: [
        {
          sid: 'TheseRolesWithSourceIdentityAndReason',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [...environment.breakGlass.assumedBy] }],
          actions: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          condition: [
            { test: 'Null', variable: 'sts:SourceIdentity', values: ['false'] },
            { test: 'Null', variable: `aws:RequestTag/${BREAK_GLASS_REASON_TAG}`, values: ['false'] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'Role', {
      name: config.roleName,
      description: `Break-glass changes to data-platform ${environment.name} outside the deploy workflow, announced and recorded`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    suppressPolicy(this.role, 'IamRolePermissionsBoundary', "the break-glass role has the deployer's permissions and denials; an administrator creates it (the CI stack)");

    const deployPolicy = new IamRolePolicy(this, 'Deploy', { role: this.role.name, name: 'deploy-data-platform', policy: deployer.deployPolicy.json });
    suppressPolicy(
      deployPolicy,
      'IamPassRoleScoped',
      'the deployer\'s own policy document: it passes roles named data-platform-*-<env> or dp-*-<env>-*, only to the services that run pipelines (iam:PassedToService)',
    );
    new IamRolePolicy(this, 'Denials', { role: this.role.name, name: 'deny-data-and-secret-values', policy: deployer.denialsPolicy.json });

    // The topic is encrypted with its own key: a publisher needs the key's data keys, through SNS only.
    const announce = new DataAwsIamPolicyDocument(this, 'AnnouncePolicy', {
      statement: [
        {
          sid: 'PublishToTheAlertsTopic',
          effect: 'Allow',
          actions: ['sns:Publish'],
          resources: [regionalArn(environment, 'sns', platformNames(environment).alertsTopic)],
        },
        {
          sid: 'EncryptWithTheAlertsKeyThroughSns',
          effect: 'Allow',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [regionalArn(environment, 'kms', 'key/*')],
          condition: [
            { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [`alias/${PLATFORM_NAME_PREFIX}alerts-${environment.name}`] },
            { test: 'StringEquals', variable: 'kms:ViaService', values: [`sns.${environment.region}.amazonaws.com`] },
          ],
        },
      ],
    });
    new IamRolePolicy(this, 'Announce', { role: this.role.name, name: 'announce-break-glass', policy: announce.json });
  }
}
