import { jobQuestions, sampleOf, terraformQuestions } from '../src/questions';
import { fixturePlatform } from './support/platform-fixture';

describe('questions', () => {
  const platform = fixturePlatform('dev');
  const { world } = platform;

  test('sampleOf - fills an ARN pattern\'s wildcards', () => {
    expect(sampleOf('arn:aws:s3:::lake/orders/*')).toBe('arn:aws:s3:::lake/orders/sample');
    expect(sampleOf('arn:aws:secretsmanager:r:1:secret:x-??????')).toBe('arn:aws:secretsmanager:r:1:secret:x-ssssss');
  });

  test('jobQuestions - every action of every Allow statement, with a context that meets its conditions', () => {
    const task = world.roleNamed('dp-orders-feed-dev-task');
    const list = jobQuestions(task).find((q) => q.action === 's3:ListBucket')!;
    expect(list).toEqual(expect.objectContaining({ resource: 'arn:aws:s3:::data-platform-lake-dev-111111111111', context: { 's3:prefix': 'orders-feed/orders/sample' }, expect: 'allow' }));
  });

  test('terraformQuestions - a create carries the resource\'s tags; a change names the resource with its tags and boundary', () => {
    const deployer = world.roleNamed('data-platform-deployer-dev');
    const questions = terraformQuestions(world, deployer, { stacks: ['orders-feed-dev'], as: 'deploy' });
    const create = questions.find((q) => q.action === 'iam:CreateRole' && q.resource.endsWith('role/dp-orders-feed-dev-task'))!;
    expect(create.context).toEqual(expect.objectContaining({ 'aws:RequestTag/pipeline': 'orders-feed', 'iam:PermissionsBoundary': 'arn:aws:iam::111111111111:policy/data-platform-boundary-dev' }));
    expect(create.context).not.toHaveProperty('aws:ResourceTag/pipeline');
    const put = questions.find((q) => q.action === 'iam:PutRolePolicy' && q.resource.endsWith('role/dp-orders-feed-dev-task'))!;
    expect(put.context).toEqual(expect.objectContaining({ 'aws:ResourceTag/pipeline': 'orders-feed', 'iam:PermissionsBoundary': 'arn:aws:iam::111111111111:policy/data-platform-boundary-dev' }));
  });

  test('terraformQuestions - a plan only reads; a deploy never destroys what a destroy keeps (the lake)', () => {
    const planner = world.roleNamed('data-platform-planner-dev');
    const deployer = world.roleNamed('data-platform-deployer-dev');
    expect(terraformQuestions(world, planner, { stacks: ['shared-dev'], as: 'plan' }).map((q) => q.why).filter((w) => !/reads|Terraform (lists|reads|takes|releases)/.test(w))).toEqual([]);
    const deploy = terraformQuestions(world, deployer, { stacks: ['shared-dev'], as: 'deploy' });
    expect(deploy.filter((q) => q.action === 's3:DeleteBucket').map((q) => q.resource)).toEqual(['arn:aws:s3:::data-platform-query-results-dev-111111111111']);
    expect(deploy.filter((q) => q.action === 'kms:ScheduleKeyDeletion')).toHaveLength(3);
  });

  test('terraformQuestions - throws on a resource type the table does not list', () => {
    const stacks = platform.stacks.map((s) => (s.name === 'orders-api-dev' ? { ...s, json: { ...s.json, resource: { ...s.json.resource, aws_lambda_function: { Fn: { function_name: 'f' } } } } } : s));
    const world2 = new (world.constructor as typeof import('../src/concrete-world').ConcreteWorld)(platform.environment, stacks);
    expect(() => terraformQuestions(world2, world2.roleNamed('data-platform-deployer-dev'), { stacks: ['orders-api-dev'], as: 'deploy' })).toThrow(
      /^access matrix: resource type aws_lambda_function has no entry in TERRAFORM_PERMISSIONS/,
    );
  });
});
