import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { NAME, PREFIX, SCHEDULED, SERVICE, synthPipeline } from './pipeline-fixture';

const DIGEST_REGEX = `^111111111111[.]dkr[.]ecr[.]eu-west-1[.]amazonaws[.]com/${PREFIX}@sha256:[0-9a-f]{64}$`;

describe('StandardEtl', () => {
  test('StandardEtl - the image is a required variable that accepts only a digest of the own repository', () => {
    const { json } = synthPipeline(SERVICE);
    expect(json.variable.image).toMatchObject({ type: 'string', nullable: false });
    expect(json.variable.image.default).toBeUndefined();
    expect(json.variable.image.validation).toEqual([
      {
        condition: `\${can(regex("${DIGEST_REGEX}", var.image))}`,
        error_message: `image must be an image of this pipeline's repository by digest: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}@sha256:<64 hex digits>.`,
      },
    ]);
    const digest = new RegExp(DIGEST_REGEX.replace(/\[\.\]/g, '\\.'));
    expect(digest.test(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}@sha256:${'a1'.repeat(32)}`)).toBe(true);
    expect(digest.test(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}:latest`)).toBe(false);
    expect(digest.test(`222222222222.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}@sha256:${'a1'.repeat(32)}`)).toBe(false);
    expect(synthPipeline(SERVICE).container().image).toBe('${var.image}');
  });

  test('StandardEtl - service mode outputs what deploy needs, with service_name', () => {
    expect(Object.keys(synthPipeline(SERVICE).json.output).sort()).toEqual(
      ['cluster_name', 'ecr_repository_name', 'ecr_repository_url', 'log_group_name', 'service_name'],
    );
  });

  test('StandardEtl - schedule mode outputs what deploy needs, with state_machine_arn', () => {
    const { json } = synthPipeline(SCHEDULED);
    expect(Object.keys(json.output).sort()).toEqual(
      ['cluster_name', 'ecr_repository_name', 'ecr_repository_url', 'log_group_name', 'state_machine_arn'],
    );
    expect(json.output.state_machine_arn.value).toMatch(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_StateMachine_[0-9A-F]{8}\.arn\}$/);
  });
});

describe('StandardEtl', () => {
  test('StandardEtl - logs are kept 30 days by default, logRetentionDays otherwise, per environment', () => {
    expect(synthPipeline(SERVICE).text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: `/data-platform/dev/pipelines/${NAME}`,
      retention_in_days: 30,
    });
    const overridden = { ...SERVICE, overrides: { prod: { logRetentionDays: 365 } } };
    expect(synthPipeline(overridden, { environment: 'prod' }).resource('aws_cloudwatch_log_group').retention_in_days).toBe(365);
    expect(synthPipeline(overridden, { environment: 'dev' }).resource('aws_cloudwatch_log_group').retention_in_days).toBe(30);
  });
});
