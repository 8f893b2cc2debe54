import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';

export interface QueryWorkgroupConfig {
  /** The environment: its `queryScanCutoffMB` caps every query. */
  readonly environment: ResolvedEnvironment;
  /** The workgroup's name, from `platformNames(environment).athenaWorkgroup`. */
  readonly name: string;
  /** Where results go: `s3://<results bucket>/<prefix>`, never under a table's prefix. */
  readonly outputLocation: string;
  /** The key results are encrypted with (SSE-KMS). */
  readonly resultsKeyArn: string;
}

/**
 * The one Athena workgroup of the environment. Its configuration is enforced, so a query cannot
 * choose another result location or turn encryption off; results are SSE-KMS with their own key;
 * a query scanning more than the environment's `queryScanCutoffMB` is cancelled; metrics go to
 * CloudWatch. Access roles may run queries in this workgroup only.
 */
export class QueryWorkgroup extends Construct {
  readonly workgroup: AthenaWorkgroup;

  constructor(scope: Construct, id: string, config: QueryWorkgroupConfig) {
    super(scope, id);
    const { environment } = config;
    this.workgroup = new AthenaWorkgroup(this, 'Workgroup', {
      name: config.name,
      description: `Queries of the datasets of data-platform ${environment.name}: results encrypted and expiring, scans capped`,
      state: 'ENABLED',
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: environment.queryScanCutoffMB * 1_000_000,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: config.outputLocation,
          expectedBucketOwner: environment.accountId,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: config.resultsKeyArn },
        },
      },
    });
  }
}
