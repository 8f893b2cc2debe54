import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { Testing } from 'cdktf';
import { QueryWorkgroup } from '../src/query-workgroup';
import { testEnvironment } from './fixtures';

function synth(changes: Parameters<typeof testEnvironment>[1] = {}): string {
  return Testing.synthScope((scope) => {
    new QueryWorkgroup(scope, 'QueryWorkgroup', {
      environment: testEnvironment('dev', changes),
      name: 'data-platform-dev',
      outputLocation: 's3://data-platform-query-results-dev-111111111111/results/',
      resultsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/results',
    });
  });
}

describe('QueryWorkgroup', () => {
  test('QueryWorkgroup - configuration enforced, SSE-KMS results with their own key, 10 GB cutoff by default', () => {
    expect(synth()).toHaveResourceWithProperties(AthenaWorkgroup, {
      name: 'data-platform-dev',
      state: 'ENABLED',
      configuration: {
        enforce_workgroup_configuration: true,
        publish_cloudwatch_metrics_enabled: true,
        requester_pays_enabled: false,
        bytes_scanned_cutoff_per_query: 10_000_000_000,
        engine_version: { selected_engine_version: 'AUTO' },
        result_configuration: {
          output_location: 's3://data-platform-query-results-dev-111111111111/results/',
          expected_bucket_owner: '111111111111',
          encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: 'arn:aws:kms:eu-west-1:111111111111:key/results' },
        },
      },
    });
  });

  test('QueryWorkgroup - the cutoff comes from the environment, in megabytes', () => {
    const workgroup = Object.values(JSON.parse(synth({ queryScanCutoffMB: 10 })).resource.aws_athena_workgroup)[0] as {
      configuration: { bytes_scanned_cutoff_per_query: number };
    };
    expect(workgroup.configuration.bytes_scanned_cutoff_per_query).toBe(10_000_000);
  });
});
