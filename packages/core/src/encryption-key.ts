import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';
import { accountRoot } from './arns';
import { platformNames, roleArn } from './platform-names';

/** What the deployer does on a key of the platform that its IAM policy may not be able to name. */
export const KEY_POLICY_ADMINISTRATION = [
  'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias',
  'kms:TagResource', 'kms:UntagResource', 'kms:UpdateKeyDescription',
];

/** The roles that administer the platform's keys: the deployer, and the break-glass role where it exists. */
export function keyAdministrators(environment: ResolvedEnvironment): string[] {
  const names = platformNames(environment);
  const breakGlass = environment.protected && environment.breakGlass.assumedBy.length > 0;
  return [roleArn(environment, names.deployerRole), ...(breakGlass ? [roleArn(environment, names.breakGlassRole)] : [])];
}

export interface EncryptionKeyConfig {
  /** The environment the key lives in (its account administers the key through IAM). */
  readonly environment: ResolvedEnvironment;
  /** The alias, without the `alias/` prefix, e.g. `data-platform-lake-dev`. */
  readonly alias: string;
  /** What the key protects, shown in the console. */
  readonly description: string;
  /**
   * Key policy statements for AWS services that use the key on the account's behalf.
   * @default - none: only IAM principals of the account, through their own policies
   */
  readonly serviceStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /**
   * Refuse `terraform destroy` of the key: for keys whose loss makes data unreadable.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Days between a deletion request and the key's deletion (7 to 30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
}

/**
 * A customer managed KMS key with yearly rotation and an alias. Its policy delegates to IAM (the
 * account root), so that access is granted by IAM policies the platform writes, lets the deployer
 * administer it (the roles must exist: the CI stack is applied first), and adds the service
 * statements it is given.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, config: EncryptionKeyConfig) {
    super(scope, id);
    const serviceStatements = config.serviceStatements ?? [];
    const preventDestroy = config.preventDestroy ?? false;
    const deletionWindowDays = config.deletionWindowDays ?? 30;

    const policy = new DataAwsIamPolicyDocument(this, 'Policy', {
      statement: [
        {
          sid: 'AccountAdministersThroughIam',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [accountRoot(config.environment)] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          // Before its alias exists (creation) and after it is gone (destroy), the deployer's own
          // policy cannot name the key: the key names the deployer (and the break-glass role, which
          // has the deployer's permissions). Deletion only for keys whose loss loses no data.
          sid: 'AdministeredByTheDeployer',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: keyAdministrators(config.environment) }],
          actions: [...KEY_POLICY_ADMINISTRATION, ...(preventDestroy ? [] : ['kms:ScheduleKeyDeletion'])],
          resources: ['*'],
        },
        ...serviceStatements,
      ],
    });

    this.key = new KmsKey(this, 'Key', {
      description: config.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: policy.json,
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
    });

    this.alias = new KmsAlias(this, 'Alias', {
      name: `alias/${config.alias}`,
      targetKeyId: this.key.keyId,
    });
  }
}
