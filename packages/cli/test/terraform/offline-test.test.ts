import { mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { sharedParameterName, teamAlertsParameterName } from '@data-platform/core';
import { processRunner } from '../../src/process/command-runner';
import { OFFLINE_TEST_DIR, preventDestroyOverride, renderOfflineTest, runOfflineTest, type SynthesizedStack } from '../../src/terraform/offline-test';
import { terraformEnvironment } from '../../src/terraform/plugin-mirror';
import { loadArnAttributes, type ArnAttributes } from '../../src/terraform/provider-schema';

const dev = loadEnvironment('dev');
const arns: ArnAttributes = {
  resources: { aws_iam_role: ['arn'], aws_sfn_state_machine: ['arn', 'role_arn'] },
  dataSources: { aws_ssm_parameter: ['arn'] },
};

describe('renderOfflineTest', () => {
  const stack: SynthesizedStack = {
    resource: { aws_iam_role: { Role: {} }, aws_s3_bucket_versioning: { Versioning: {} } },
    data: {
      aws_ssm_parameter: {
        Cluster: { name: sharedParameterName('dev', 'clusterArn') },
        OwnerAlertsTopic: { name: teamAlertsParameterName('dev', 'orders-team') },
        Other: { name: '/elsewhere' },
      },
    },
    variable: { image: { type: 'string' }, retries: { type: 'number', default: 2 } },
  };
  const text = renderOfflineTest(stack, dev, arns);

  test('renderOfflineTest - mocks an ARN for each type that has one, and none for the others', () => {
    expect(text).toContain(`mock_resource "aws_iam_role" {\n    defaults = {"arn":"arn:aws:iam::${dev.accountId}:role/mock"}`);
    expect(text).not.toContain('mock_resource "aws_s3_bucket_versioning"');
  });

  test('renderOfflineTest - overrides the contract parameters it knows (shared platform, a team\'s alerts topic), by address', () => {
    expect(text).toContain('target = data.aws_ssm_parameter.Cluster');
    expect(text).toContain(`arn:aws:ecs:${dev.region}:${dev.accountId}:cluster/data-platform-dev`);
    expect(text).toContain(
      `override_data {\n  target = data.aws_ssm_parameter.OwnerAlertsTopic\n  values = {"value":"arn:aws:sns:${dev.region}:${dev.accountId}:data-platform-alerts-orders-team-dev"`,
    );
    expect(text).not.toContain('data.aws_ssm_parameter.Other');
  });

  test('renderOfflineTest - sets variables without default only', () => {
    expect(text).toMatch(/variables \{\n {2}image = "\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/mock@sha256:[0-9a-f]{64}"\n\}/);
    expect(text).not.toContain('retries =');
  });

  test('renderOfflineTest - one apply run, which plans first: no second plan', () => {
    expect(text).toContain('run "apply" {\n  command = apply\n}');
    expect(text).not.toContain('command = plan');
  });
});

describe('preventDestroyOverride', () => {
  test('preventDestroyOverride - lifts the flag on exactly the resources that set it', () => {
    const stack: SynthesizedStack = {
      resource: {
        aws_s3_bucket: { Lake: { bucket: 'lake', lifecycle: { prevent_destroy: true } }, Other: { bucket: 'other' } },
        aws_kms_key: { Key: { lifecycle: { prevent_destroy: true, ignore_changes: ['tags'] } } },
      },
    };
    expect(preventDestroyOverride(stack)).toEqual({
      resource: {
        aws_s3_bucket: { Lake: { lifecycle: { prevent_destroy: false } } },
        aws_kms_key: { Key: { lifecycle: { prevent_destroy: false } } },
      },
    });
  });

  test('preventDestroyOverride - nothing to lift gives no override', () => {
    expect(preventDestroyOverride({ resource: { aws_s3_bucket: { B: {} } } })).toBeUndefined();
  });
});

// Real terraform against the mocked provider: needs terraform on PATH and a provider (TF_PLUGIN_DIR
// offline). Missing either fails these tests with terraform's own message; they are never skipped.
describe('runOfflineTest', () => {
  let dir: string;
  const env = terraformEnvironment();
  const provider = { aws: { region: dev.region } };
  const terraformBlock = { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'offline-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function offlineTest(stack: SynthesizedStack) {
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: terraformBlock, provider, ...stack }));
    const attributes = await loadArnAttributes(processRunner, env);
    return runOfflineTest(processRunner, env, dir, stack, dev, attributes, 'test-dev');
  }

  test('runOfflineTest - plans and applies a stack whose bucket may never be destroyed', async () => {
    const stack: SynthesizedStack = {
      resource: {
        aws_s3_bucket: { Lake: { bucket: 'lake-bucket', lifecycle: { prevent_destroy: true } } },
        aws_s3_bucket_versioning: { Versioning: { bucket: '${aws_s3_bucket.Lake.id}', versioning_configuration: { status: 'Enabled' } } },
      },
    };
    const report = await offlineTest({ terraform: terraformBlock, ...stack });
    expect(report.created).toBe(2);
    expect(readlinkSync(join(dir, OFFLINE_TEST_DIR, '.terraform'))).toMatch(/data-platform-terraform\/providers\/[0-9a-f]{16}\/\.terraform$/);
  });

  test('runOfflineTest - counts what the apply created when every resource has a count', async () => {
    const stack: SynthesizedStack = {
      terraform: terraformBlock,
      resource: { aws_s3_bucket: { Buckets: { count: 3, bucket: 'lake-${count.index}' }, None: { count: 0, bucket: 'none' } } },
    };
    expect((await offlineTest(stack)).created).toBe(3);
  });

  test('runOfflineTest - throws when every resource has a count of zero', async () => {
    const stack: SynthesizedStack = { terraform: terraformBlock, resource: { aws_s3_bucket: { None: { count: 0, bucket: 'none' } } } };
    await expect(offlineTest(stack)).rejects.toThrow('test-dev: terraform test (mocked plan and apply) failed:\nthe mocked plan is empty: the stack would create nothing');
  });

  test('runOfflineTest - throws when the plan would create nothing', async () => {
    await expect(offlineTest({ terraform: terraformBlock })).rejects.toThrow('test-dev: terraform test (mocked plan and apply) failed:\nthe mocked plan is empty: the stack would create nothing');
  });

  test('runOfflineTest - throws with the provider error when a value is invalid', async () => {
    const stack: SynthesizedStack = { terraform: terraformBlock, resource: { aws_iam_role: { Role: { name: 'r', assume_role_policy: 'not json' } } } };
    await expect(offlineTest(stack)).rejects.toThrow(/test-dev: terraform test \(mocked plan and apply\) failed:\n\[run apply\] error: .*/);
  });

  test('runOfflineTest - throws naming the file and line when the configuration does not match the provider schema', async () => {
    const stack: SynthesizedStack = { terraform: terraformBlock, resource: { aws_s3_bucket: { Lake: { bucket: 'b', no_such_argument: true } } } };
    await expect(offlineTest(stack)).rejects.toThrow(
      'test-dev: terraform test (mocked plan and apply) failed:\n[run apply] error: Extraneous JSON object property (cdk.tf.json:1)\n  No argument or block type is named "no_such_argument".',
    );
  });
});
