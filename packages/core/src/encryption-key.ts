import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';
import { accountRoot } from './arns';

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
 * account root), so that access is granted by IAM policies the platform writes, and adds only the
 * service statements it is given.
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
