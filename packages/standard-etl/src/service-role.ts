import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { StatementCondition } from './pipeline-config';

/** One Allow statement of a role's policy. */
export interface PolicyStatement {
  /** The statement id, PascalCase: what it is for. */
  readonly sid: string;
  /** Exact actions. */
  readonly actions: readonly string[];
  /** Resource ARNs. */
  readonly resources: readonly string[];
  /**
   * Conditions that narrow it.
   * @default - none
   */
  readonly conditions?: readonly StatementCondition[];
}

/** A named inline policy of a role. */
export interface InlinePolicy {
  /** Its construct id, PascalCase. */
  readonly id: string;
  /** Its name on the role. */
  readonly name: string;
  /** Its statements; a policy without any is not created. */
  readonly statements: readonly PolicyStatement[];
}

export interface ServiceRoleConfig {
  /** The role's name. */
  readonly name: string;
  /** What the role is for, shown in IAM. */
  readonly description: string;
  /** The service principal that assumes it, e.g. `ecs-tasks.amazonaws.com`. */
  readonly service: string;
  /** The account the calling service must act for (`aws:SourceAccount`). */
  readonly sourceAccount: string;
  /** The ARN (pattern) of the resource the service must act for (`aws:SourceArn`). */
  readonly sourceArn: string;
  /** The permissions boundary the role carries (the environment's `data-platform-boundary-<env>`). */
  readonly permissionsBoundary: string;
  /** Its inline policies. No managed policy is ever attached. */
  readonly policies: readonly InlinePolicy[];
  /**
   * Also lets principals of this account assume the role (`run-local` runs a task locally with the
   * task role's permissions): a second trust statement naming the account (`:root`, so IAM policies
   * of the account decide who) with `aws:PrincipalAccount` pinned to it. Only for environments that
   * are not protected; the IamLocalRunTrust rule refuses it in a protected one.
   * @default - only the service may assume it
   */
  readonly localRunAccount?: { readonly accountId: string; readonly partition: string };
}

function policyDocument(scope: Construct, id: string, statements: readonly PolicyStatement[]): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: statements.map((s) => ({
      sid: s.sid,
      effect: 'Allow',
      actions: [...s.actions],
      resources: [...s.resources],
      ...(s.conditions?.length ? { condition: s.conditions.map((c) => ({ test: c.test, variable: c.variable, values: [...c.values] })) } : {}),
    })),
  });
}

/**
 * An IAM role that one AWS service assumes on behalf of exactly one account and resource
 * (confused-deputy protection through `aws:SourceAccount` and `aws:SourceArn`), with inline
 * policies only, under the environment's permissions boundary.
 */
export class ServiceRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, config: ServiceRoleConfig) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'TrustPolicy', {
      statement: [
        {
          sid: 'AssumedByServiceForThisAccountOnly',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: [config.service] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [config.sourceAccount] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [config.sourceArn] },
          ],
        },
        ...(config.localRunAccount
          ? [{
              sid: 'AssumedForLocalRunsInThisAccount',
              effect: 'Allow',
              actions: ['sts:AssumeRole'],
              principals: [{ type: 'AWS', identifiers: [`arn:${config.localRunAccount.partition}:iam::${config.localRunAccount.accountId}:root`] }],
              condition: [{ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: [config.localRunAccount.accountId] }],
            }]
          : []),
      ],
    });
    this.role = new IamRole(this, 'Role', {
      name: config.name,
      description: config.description,
      assumeRolePolicy: trust.json,
      permissionsBoundary: config.permissionsBoundary,
    });
    for (const policy of config.policies) this.addPolicy(policy.id, policy.name, policy.statements);
  }

  /** Adds an inline policy (none when it has no statement). */
  addPolicy(id: string, name: string, statements: readonly PolicyStatement[]): void {
    if (statements.length === 0) return;
    new IamRolePolicy(this, id, {
      name,
      role: this.role.id,
      policy: policyDocument(this, `${id}Document`, statements).json,
    });
  }
}
