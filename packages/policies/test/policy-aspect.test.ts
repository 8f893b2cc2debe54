import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { PlatformError } from '@data-platform/config';
import { Aspects, Testing, type App, type TerraformStack } from 'cdktf';
import { dataPlatformPack } from '../src/pack';
import { PolicyAspect } from '../src/policy-aspect';
import type { PolicyReport } from '../src/report';
import { suppressPolicy } from '../src/suppress';
import { bucket, failureAlert, taskDefinition } from './support/fixtures';
import { testStack } from './support/harness';

function checkedStack(app: App, id = 'test-dev', networkMode: 'private' | 'public-dev' = 'private'): TerraformStack {
  const stack = testStack(app, id);
  Aspects.of(stack).add(new PolicyAspect({ environment: 'dev', networkMode }));
  return stack;
}

function stackDir(app: App, stack: TerraformStack): string {
  return join(app.outdir, 'stacks', stack.node.id);
}

function readReport(app: App, stack: TerraformStack): PolicyReport {
  return JSON.parse(readFileSync(join(stackDir(app, stack), 'policy-report.json'), 'utf8')) as PolicyReport;
}

/** A service stack with everything right, whose service assigns a public IP. */
function publicService(stack: TerraformStack): void {
  const task = taskDefinition(stack, 'Task');
  failureAlert(stack);
  new EcsService(stack, 'Service', {
    name: 'svc',
    cluster: 'pipelines',
    taskDefinition: task.arn,
    launchType: 'FARGATE',
    deploymentCircuitBreaker: { enable: true, rollback: true },
    networkConfiguration: { subnets: ['subnet-1'], assignPublicIp: true },
  });
}

describe('PolicyAspect', () => {
  test('PolicyAspect - a compliant stack synthesizes and gets its report next to cdk.tf.json', () => {
    const app = Testing.app();
    const stack = checkedStack(app);
    bucket(stack, 'Lake');
    app.synth();

    expect(existsSync(join(stackDir(app, stack), 'cdk.tf.json'))).toBe(true);
    const report = readReport(app, stack);
    expect(report.stack).toBe('test-dev');
    expect(report.pack).toBe('data-platform');
    expect(report.summary).toMatchObject({ rulesChecked: dataPlatformPack.entries.length, errors: 0, warnings: 0, suppressed: 0 });
    expect(report.summary.passed).toBeGreaterThanOrEqual(8);
    expect(report.summary.passed + report.summary.notApplicable).toBe(dataPlatformPack.entries.length);
    expect(report.rules.find((r) => r.id === 'S3Versioning')).toMatchObject({ outcome: 'passed', checked: 1, level: 'error' });
    expect(report.rules.find((r) => r.id === 'EcsContainerInsights')).toMatchObject({ outcome: 'not-applicable', checked: 0 });
    expect(report.findings).toEqual([]);
  });

  test('PolicyAspect - throws an error finding as a PlatformError naming stack, address, rule and fix, and writes nothing', () => {
    const app = Testing.app();
    const stack = checkedStack(app);
    bucket(stack, 'Lake', { versioning: false });

    let thrown: unknown;
    try {
      app.synth();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlatformError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^policy check failed for stack test-dev: 1 error finding\(s\)\. Nothing of test-dev was written\./);
    expect(message).toContain('✗ aws_s3_bucket.Lake (test-dev/Lake) breaks S3Versioning: no aws_s3_bucket_versioning with status "Enabled" refers to this bucket.');
    expect(message).toContain('fix: Add an aws_s3_bucket_versioning for the bucket');
    expect(message).toContain("suppressPolicy(construct, 'RuleId', 'why this resource may break the rule')");
    expect(existsSync(join(stackDir(app, stack), 'cdk.tf.json'))).toBe(false);
    expect(existsSync(join(stackDir(app, stack), 'policy-report.json'))).toBe(false);
  });

  test('PolicyAspect - a suppression with a reason lets synth pass and is listed in the report', () => {
    const app = Testing.app();
    const stack = checkedStack(app);
    const scratch = bucket(stack, 'Scratch', { versioning: false, lifecycle: false });
    suppressPolicy(scratch, 'S3Versioning', 'scratch space; every object is rebuilt by the next run');
    suppressPolicy(scratch, 'S3LifecycleRules', 'a nightly job empties the bucket');
    app.synth();

    const report = readReport(app, stack);
    expect(report.summary).toMatchObject({ errors: 0, suppressed: 2 });
    expect(report.suppressions).toEqual([
      { ruleId: 'S3Versioning', reason: 'scratch space; every object is rebuilt by the next run', address: 'aws_s3_bucket.Scratch', constructPath: 'test-dev/Scratch', matched: true },
      { ruleId: 'S3LifecycleRules', reason: 'a nightly job empties the bucket', address: 'aws_s3_bucket.Scratch', constructPath: 'test-dev/Scratch', matched: true },
    ]);
    expect(report.findings.find((f) => f.ruleId === 'S3Versioning')).toMatchObject({
      address: 'aws_s3_bucket.Scratch',
      suppressedBecause: 'scratch space; every object is rebuilt by the next run',
    });
  });

  test('PolicyAspect - throws on a suppression that matches no finding', () => {
    const app = Testing.app();
    const stack = checkedStack(app);
    const lake = bucket(stack, 'Lake');
    suppressPolicy(lake, 'S3Versioning', 'kept from before versioning was turned on');
    expect(() => app.synth()).toThrow(
      /policy check failed for stack test-dev: 0 error finding\(s\), 1 suppression problem\(s\)[\s\S]*the suppression of S3Versioning on aws_s3_bucket.Lake \(test-dev\/Lake\) matches no finding: remove it/,
    );
  });

  test('PolicyAspect - throws on a suppression of a rule the pack does not have', () => {
    const app = Testing.app();
    const stack = checkedStack(app);
    const lake = bucket(stack, 'Lake');
    suppressPolicy(lake, 'S3Versionning', 'a typo must not silently suppress nothing');
    expect(() => app.synth()).toThrow(/names rule "S3Versionning", which pack "data-platform" does not have; known rules: IamPolicyDocumentsReadable, /);
  });

  test('PolicyAspect - a public IP is an error in the private network mode', () => {
    const app = Testing.app();
    publicService(checkedStack(app, 'svc-dev', 'private'));
    expect(() => app.synth()).toThrow(/aws_ecs_service.Service \(svc-dev\/Service\) breaks EcsNoPublicIp: network_configuration.assign_public_ip is true/);
  });

  test('PolicyAspect - a public IP is a warning in the public-dev network mode', () => {
    const app = Testing.app();
    const stack = checkedStack(app, 'svc-dev', 'public-dev');
    publicService(stack);
    app.synth();
    const report = readReport(app, stack);
    expect(report.context).toEqual({ environment: 'dev', networkMode: 'public-dev' });
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(report.rules.find((r) => r.id === 'EcsNoPublicIp')).toMatchObject({ level: 'warning', outcome: 'warned' });
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'EcsNoPublicIp', level: 'warning', address: 'aws_ecs_service.Service', reasons: ['network_configuration.assign_public_ip is true'] }),
    ]);
  });

  test('PolicyAspect - sees what aspects added after it change, since it runs as a stack validation', () => {
    const app = Testing.app();
    const stack = checkedStack(app);
    const lake = bucket(stack, 'Lake');
    Aspects.of(stack).add({ visit: (node) => node === lake && lake.addOverride('force_destroy', true) });
    expect(() => app.synth()).toThrow(/aws_s3_bucket.Lake \(test-dev\/Lake\) breaks S3NoForceDestroy: force_destroy is true/);
  });

  test('PolicyAspect - each stack of an app is checked on its own, and named in the error', () => {
    const app = Testing.app();
    const one = checkedStack(app, 'one-dev');
    bucket(one, 'Lake');
    bucket(checkedStack(app, 'two-dev'), 'Lake', { encryption: false });
    expect(() => app.synth()).toThrow(/^policy check failed for stack two-dev[\s\S]*aws_s3_bucket.Lake \(two-dev\/Lake\) breaks S3Encryption/);
    expect(readReport(app, one).summary.errors).toBe(0);
  });

  test('PolicyAspect - cdktf 0.21 applies aspects per stack: one added to the app reaches no stack', () => {
    // StackSynthesizer invokes aspects from each stack down, so PlatformStack adds the aspect to itself.
    const app = Testing.app();
    Aspects.of(app).add(new PolicyAspect({ environment: 'dev' }));
    const stack = testStack(app, 'unchecked-dev');
    bucket(stack, 'Lake', { encryption: false });
    app.synth();
    expect(existsSync(join(stackDir(app, stack), 'policy-report.json'))).toBe(false);
  });
});
