import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protectedResources, readStackFacts, stackFacts } from '../../src/stack/stack-facts';
import { pipelineStack, sharedStack, tempWorkspace, unsynthesizedStack, type TempWorkspace } from '../support/stack-fixtures';

describe('stack facts', () => {
  let workspace: TempWorkspace;
  beforeAll(() => {
    workspace = tempWorkspace();
  });
  afterAll(() => workspace.remove());

  test('readStackFacts - a service pipeline: repository, image variable, ARM64 platform, service, log group, state location', () => {
    const stack = pipelineStack(workspace.root, { mode: 'service' });
    const facts = readStackFacts(stack);
    expect(facts.state).toEqual({ bucket: 'data-platform-tfstate-111111111111', key: 'ticketing-api-dev/terraform.tfstate', region: 'eu-west-1' });
    expect(facts.pipeline).toMatchObject({
      repository: { address: 'aws_ecr_repository.Repository', name: 'dp-ticketing-api-dev' },
      takesImage: true,
      platform: 'linux/arm64',
      service: { address: 'aws_ecs_service.Service', type: 'aws_ecs_service' },
      logGroup: '/data-platform/dev/ticketing-api',
      appDir: join(stack.project.dir, 'app'),
    });
    expect(facts.pipeline?.stateMachine).toBeUndefined();
  });

  test('readStackFacts - a scheduled X86_64 pipeline without the image variable', () => {
    const facts = readStackFacts(pipelineStack(workspace.root, { mode: 'schedule', cpuArchitecture: 'X86_64', imageVariable: false }));
    expect(facts.pipeline).toMatchObject({ takesImage: false, platform: 'linux/amd64', stateMachine: { address: 'aws_sfn_state_machine.StateMachine' } });
    expect(facts.pipeline?.service).toBeUndefined();
  });

  test('readStackFacts - the owner is the provider\'s owner default tag, as standard-etl sets it; none without the tag', () => {
    const stack = pipelineStack(workspace.root, { mode: 'service' });
    const json = JSON.parse(readFileSync(join(stack.dir, 'cdk.tf.json'), 'utf8'));
    expect(stackFacts(stack, json).pipeline?.owner).toBeUndefined();
    json.provider.aws[0].default_tags = [{ tags: { project: 'ticketing-api', owner: 'orders-team' } }];
    expect(stackFacts(stack, json).pipeline?.owner).toBe('orders-team');
  });

  test('readStackFacts - the shared stack is not a pipeline', () => {
    expect(readStackFacts(sharedStack(workspace.root)).pipeline).toBeUndefined();
  });

  test('readStackFacts - throws the synth command to run when cdktf.out is missing', () => {
    const stack = unsynthesizedStack(workspace.root, 'fresh-pipeline');
    expect(() => readStackFacts(stack)).toThrow(
      `fresh-pipeline-dev is not synthesized (${join(stack.dir, 'cdk.tf.json')} is missing): run \`npx nx run fresh-pipeline:synth\` first.`,
    );
  });

  test('stackFacts - throws when the repository name is only known at apply time', () => {
    const stack = unsynthesizedStack(workspace.root, 'odd-pipeline');
    expect(() => stackFacts(stack, { resource: { aws_ecr_repository: { Repo: { name: '${var.name}' } } } })).toThrow(
      'odd-pipeline-dev: aws_ecr_repository.Repo.name is "${var.name}"; expected a plain string known at synth time.',
    );
  });

  test('protectedResources - the lake bucket by name, its settings, its KMS key and alias; not the other bucket', () => {
    const stack = sharedStack(workspace.root);
    expect(protectedResources(stack, readStackFacts(stack)).map((r) => r.address)).toEqual([
      'aws_kms_alias.LakeKeyAlias',
      'aws_kms_key.LakeKey',
      'aws_s3_bucket.LakeBucket',
      'aws_s3_bucket_policy.LakePolicy',
      'aws_s3_bucket_server_side_encryption_configuration.LakeEncryption',
      'aws_s3_bucket_versioning.LakeVersioning',
    ]);
  });

  test('protectedResources - anything with prevent_destroy, and nothing in a stack without', () => {
    const stack = unsynthesizedStack(workspace.root, 'guarded');
    const facts = stackFacts(stack, {
      resource: {
        aws_dynamodb_table: { Ledger: { name: 'ledger', lifecycle: { prevent_destroy: true } } },
        aws_sqs_queue: { Work: { name: 'work' } },
      },
    });
    expect(protectedResources(stack, facts).map((r) => r.address)).toEqual(['aws_dynamodb_table.Ledger']);
    expect(protectedResources(stack, readStackFacts(pipelineStack(workspace.root, { mode: 'service' })))).toEqual([]);
  });
});
