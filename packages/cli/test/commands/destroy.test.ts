import { destroy, isProduction } from '../../src/commands/destroy';
import { CommandError } from '../../src/errors';
import type { PlanJson, StateJson } from '../../src/terraform/terraform';
import { testContext, useFakeAws } from '../support/aws-context';
import { PROD_DEPLOY_JOB } from '../support/github-context';
import { scriptedRunner } from '../support/scripted-runner';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

/** What `terraform state list` says the shared fixture holds once deployed. */
const SHARED_STATE = [
  'data.aws_iam_policy_document.Something',
  'aws_ecs_cluster.Cluster',
  'aws_iam_role.DeployerRole',
  'aws_kms_key.LakeKey',
  'aws_kms_alias.LakeKeyAlias',
  'aws_s3_bucket.LakeBucket',
  'aws_s3_bucket_versioning.LakeVersioning',
  'aws_s3_bucket_server_side_encryption_configuration.LakeEncryption',
  'aws_s3_bucket_policy.LakePolicy',
  'aws_s3_bucket.FlowLogsBucket',
  'aws_subnet.Private[0]',
  'aws_subnet.Private[1]',
];
const KEPT = [
  'aws_kms_key.LakeKey',
  'aws_kms_alias.LakeKeyAlias',
  'aws_s3_bucket.LakeBucket',
  'aws_s3_bucket_versioning.LakeVersioning',
  'aws_s3_bucket_server_side_encryption_configuration.LakeEncryption',
  'aws_s3_bucket_policy.LakePolicy',
];

const destroyPlan = (addresses: readonly string[]): PlanJson => ({
  resource_changes: addresses.map((address) => ({ address, type: address.split('.')[0]!, change: { actions: ['delete'] } })),
});

describe('destroy', () => {
  const { aws, workspace } = useFakeAws();

  test('destroy - shared stack: targets every resource but the data lake, its settings and key, checks the plan, applies it', async () => {
    const targets = ['aws_ecs_cluster.Cluster', 'aws_iam_role.DeployerRole', 'aws_s3_bucket.FlowLogsBucket', 'aws_subnet.Private'];
    const runner = scriptedRunner({ stateList: SHARED_STATE, plan: destroyPlan(['aws_ecs_cluster.Cluster', 'aws_iam_role.DeployerRole', 'aws_s3_bucket.FlowLogsBucket', 'aws_subnet.Private[0]', 'aws_subnet.Private[1]']) });
    const ctx = testContext(runner, workspace().root);

    await destroy(sharedStack(workspace().root), ctx);

    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket']);
    expect(runner.lines()).toEqual([
      'terraform init -input=false -no-color -reconfigure',
      'terraform state list -no-color',
      `terraform plan -input=false -no-color -lock-timeout=5m -out=shared-dev.destroy.tfplan -detailed-exitcode -destroy ${targets.map((t) => `-target=${t}`).join(' ')}`,
      'terraform show -json -no-color shared-dev.destroy.tfplan',
      'terraform apply -input=false -no-color -lock-timeout=5m shared-dev.destroy.tfplan',
    ]);
    expect(ctx.report.steps).toContain('destroy plan: 5 to destroy, 6 protected resources kept out of it');
    expect(ctx.report.summaries[0]).toBe(
      `shared-dev: destroyed 5 resources. Kept on purpose: ${[...KEPT].sort().join(', ')} ` +
        '(the data lake is never destroyed; remove it by hand if you really mean to). ' +
        'The state bucket data-platform-tfstate-111111111111 is not managed by Terraform and stays.',
    );
  });

  test('destroy - refuses, and applies nothing, when the destroy plan would still remove a protected resource', async () => {
    const runner = scriptedRunner({ stateList: SHARED_STATE, plan: destroyPlan(['aws_ecs_cluster.Cluster', 'aws_s3_bucket_policy.LakePolicy']) });
    const error = (await destroy(sharedStack(workspace().root), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toContain('destroy shared-dev failed at "destroy plan":');
    expect(error.message).toContain('the destroy plan would remove protected resources: aws_s3_bucket_policy.LakePolicy (something else depends on them). Nothing was destroyed');
    expect(runner.steps()).not.toContain('terraform apply');
  });

  test('destroy - nothing left but the lake: says so and runs no plan', async () => {
    const runner = scriptedRunner({ stateList: KEPT });
    const ctx = testContext(runner, workspace().root);
    await destroy(sharedStack(workspace().root), ctx);
    expect(runner.steps()).toEqual(['terraform init', 'terraform state']);
    expect(ctx.report.summaries[0]).toMatch(/^shared-dev: nothing to destroy\. Kept on purpose: /);
  });

  test('destroy - pipeline: a plain destroy plan with the deployed image, its ECR images emptied first so the repository can go', async () => {
    const image = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-ticketing-api-dev@sha256:${'c'.repeat(64)}`;
    const repository = aws.addRepository('dp-ticketing-api-dev');
    repository.images.set('0123456789abcdef0123456789abcdef01234567', `sha256:${'c'.repeat(64)}`);
    repository.images.set('fedcba9876543210fedcba9876543210fedcba98', `sha256:${'d'.repeat(64)}`);
    const state: StateJson = { values: { outputs: { image: { value: image } } } };
    const runner = scriptedRunner({ state, plan: destroyPlan(['aws_ecr_repository.Repository', 'aws_ecs_service.Service']) });
    const ctx = testContext(runner, workspace().root);

    await destroy(pipelineStack(workspace().root, { mode: 'service' }), ctx);

    expect(runner.lines()).toEqual([
      'terraform init -input=false -no-color -reconfigure',
      'terraform show -json -no-color',
      `terraform plan -input=false -no-color -lock-timeout=5m -out=ticketing-api-dev.destroy.tfplan -detailed-exitcode -destroy -var image=${image}`,
      'terraform show -json -no-color ticketing-api-dev.destroy.tfplan',
      'terraform apply -input=false -no-color -lock-timeout=5m ticketing-api-dev.destroy.tfplan',
    ]);
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket', 'ecr:ListImages', 'ecr:BatchDeleteImage']);
    expect(repository.images.size).toBe(0);
    expect(ctx.report.steps).toContain('ECR images: deleted 2 from dp-ticketing-api-dev, so that the repository can go');
  });

  test('destroy - prod is refused without --allow-prod and the stack name typed back, before anything runs', async () => {
    const stack = pipelineStack(workspace().root, { mode: 'service', environment: 'prod' });
    const runner = scriptedRunner();
    const ctx = testContext(runner, workspace().root);
    const message =
      'ticketing-api-prod is a prod stack: destroy refuses it unless you pass both --allow-prod and --confirm ticketing-api-prod (the stack name typed back). Nothing was touched.';
    await expect(destroy(stack, ctx)).rejects.toThrow(message);
    await expect(destroy(stack, ctx, { allowProd: true })).rejects.toThrow(message);
    await expect(destroy(stack, ctx, { confirm: 'ticketing-api-prod' })).rejects.toThrow(message);
    await expect(destroy(stack, ctx, { allowProd: true, confirm: 'ticketing-api-dev' })).rejects.toThrow(
      '--confirm is "ticketing-api-dev", but the stack is ticketing-api-prod: type its name exactly to destroy it. Nothing was touched.',
    );
    expect(runner.calls).toEqual([]);
    expect(aws.requests).toEqual([]);
  });

  test('destroy - prod with --allow-prod and --confirm <stack> goes ahead in the deploy workflow, account guard first', async () => {
    aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/deployer/ci' };
    aws.buckets.set('data-platform-tfstate-222222222222', { region: 'eu-west-1', owner: '222222222222' });
    const runner = scriptedRunner({ plan: destroyPlan(['aws_ecs_service.Service']) });
    await destroy(pipelineStack(workspace().root, { mode: 'service', environment: 'prod' }), { ...testContext(runner, workspace().root), env: PROD_DEPLOY_JOB }, {
      allowProd: true,
      confirm: 'ticketing-api-prod',
    });
    expect(aws.operations()[0]).toBe('sts:GetCallerIdentity');
    expect(runner.steps().at(-1)).toBe('terraform apply');
  });

  test('destroy - throws for a protected environment outside the deploy workflow, even with both flags, before anything runs', async () => {
    const runner = scriptedRunner();
    const error = (await destroy(pipelineStack(workspace().root, { mode: 'service', environment: 'prod' }), { ...testContext(runner, workspace().root), env: {} }, {
      allowProd: true,
      confirm: 'ticketing-api-prod',
    }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^ticketing-api-prod: environment "prod" is protected: destroy runs only in the deploy workflow on one of its deploy sources \(acme-data\/data-platform \(GitHub environment prod\)\), and this is not GitHub Actions \(GITHUB_ACTIONS is not "true"\)\. Nothing was touched\.\nShip the change through a pull request/,
    );
    expect(runner.calls).toEqual([]);
    expect(aws.requests).toEqual([]);
  });

  test('destroy - the account guard stops it in another account', async () => {
    aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/deployer/ci' };
    const runner = scriptedRunner();
    await expect(destroy(sharedStack(workspace().root), testContext(runner, workspace().root))).rejects.toThrow(
      /destroy shared-dev failed at "account guard":\nshared-dev: the credentials are for AWS account 222222222222[^]*\ndone: nothing\nnot done: account guard; terraform init; destroy plan; terraform apply \(destroy\)/,
    );
    expect(runner.calls).toEqual([]);
  });

  test('destroy - when the destroy apply fails, says the plan was made and the apply not finished', async () => {
    const runner = scriptedRunner({ stateList: SHARED_STATE, plan: destroyPlan(['aws_ecs_cluster.Cluster']), fail: { 'terraform apply plan': 'Error: deleting ECS Cluster: ClusterContainsServicesException' } });
    const error = (await destroy(sharedStack(workspace().root), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('destroy shared-dev failed at "terraform apply (destroy)":');
    expect(error.message).toContain('ClusterContainsServicesException');
    expect(error.message).toContain('\nnot done: terraform apply (destroy)\n');
  });

  test('isProduction - prod and names starting with it', () => {
    expect(['prod', 'production', 'prod2'].map(isProduction)).toEqual([true, true, true]);
    expect(['dev', 'staging', 'preprod'].map(isProduction)).toEqual([false, false, false]);
  });
});
