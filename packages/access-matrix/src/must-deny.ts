import { partitionOf } from '@data-platform/config';
import { ciRoleNames, permissionsBoundaryArn, PIPELINE_NAME_PREFIX, platformNames, roleArn } from '@data-platform/core';
import type { Asker, Question } from './access-matrix';
import type { ConcreteRole, ConcreteWorld, PolicyJson } from './concrete-world';

/** An account that is not the environment's. */
export const OTHER_ACCOUNT = '999999999999';
/** A pipeline name no stack of a matrix uses: its resources are another pipeline's. */
export const SOMEONE_ELSE = 'someone-else';

/** A key of the account that is not the platform's: the default key policy, administered through IAM. */
function foreignKey(world: ConcreteWorld): { arn: string; policy: PolicyJson } {
  const { environment } = world;
  const p = partitionOf(environment.region);
  return {
    arn: `arn:${p}:kms:${environment.region}:${environment.accountId}:key/99999999-9999-4999-8999-999999999999`,
    policy: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'EnableIamUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:${p}:iam::${environment.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
    },
  };
}

function arns(world: ConcreteWorld) {
  const { environment } = world;
  const p = partitionOf(environment.region);
  const regional = (service: string, resource: string, account = environment.accountId) => `arn:${p}:${service}:${environment.region}:${account}:${resource}`;
  const names = platformNames(environment);
  const other = `${PIPELINE_NAME_PREFIX}${SOMEONE_ELSE}-${environment.name}`;
  return {
    p,
    regional,
    names,
    lake: `arn:${p}:s3:::${names.lakeBucket}`,
    queryResults: `arn:${p}:s3:::${names.queryResultsBucket}`,
    otherPipeline: other,
    otherTaskRole: roleArn(environment, `${other}-task`),
    cluster: names.cluster,
  };
}

function deny(asker: Asker, action: string, resource: string, why: string, context: Question['context'] = {}, resourcePolicy?: PolicyJson | null): Question {
  return { asker, action, resource, context, expect: 'deny', why, ...(resourcePolicy !== undefined ? { resourcePolicy } : {}) };
}

/**
 * What no role the platform deploys may do, asked of each: change itself or make a role without the
 * boundary, pass a CI role, reach another pipeline's data, secrets, tasks, machines or tables, use a
 * key that is not its own, or reach another account.
 */
export function platformRoleMustDeny(world: ConcreteWorld, role: ConcreteRole): Question[] {
  const { environment } = world;
  const a = arns(world);
  const asker: Asker = { kind: 'role', role };
  const boundary = { 'iam:PermissionsBoundary': permissionsBoundaryArn(environment) };
  const key = foreignKey(world);
  const lakeKey = world.resources().find((r) => r.block.type === 'aws_kms_key' && world.aliasesOf(r.arn!).includes(`alias/data-platform-lake-${environment.name}`));
  const who = `${role.name} must not`;
  const ledger = a.regional('dynamodb', `table/${a.names.runLedgerTable}`);
  return [
    deny(asker, 'iam:PutRolePolicy', role.arn, `${who} change its own policies`, boundary),
    deny(asker, 'iam:AttachRolePolicy', role.arn, `${who} attach a policy to itself`, { ...boundary, 'iam:PolicyARN': `arn:${a.p}:iam::aws:policy/AdministratorAccess` }),
    deny(asker, 'iam:UpdateAssumeRolePolicy', role.arn, `${who} change who may assume it`, boundary),
    deny(asker, 'iam:CreateRole', a.otherTaskRole, `${who} create a role`, boundary),
    deny(asker, 'iam:PassRole', roleArn(environment, a.names.deployerRole), `${who} pass the deployer role`, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
    deny(asker, 'sts:AssumeRole', roleArn(environment, a.names.deployerRole), `${who} assume the deployer role`),
    deny(asker, 's3:GetObject', `${a.lake}/${SOMEONE_ELSE}/dt=2026-01-01/part-0.jsonl`, `${who} read another pipeline's data`),
    deny(asker, 's3:PutObject', `${a.lake}/${SOMEONE_ELSE}/dt=2026-01-01/part-0.jsonl`, `${who} write another pipeline's data`),
    deny(asker, 's3:ListBucket', a.lake, `${who} list another pipeline's prefix`, { 's3:prefix': `${SOMEONE_ELSE}/` }),
    deny(asker, 's3:ListBucket', a.lake, `${who} list the whole lake`, { 's3:prefix': '' }),
    deny(asker, 's3:PutObject', `${a.lake}/${SOMEONE_ELSE}/x`, `${who} write the lake with another key`, {
      's3:x-amz-server-side-encryption': 'aws:kms',
      's3:x-amz-server-side-encryption-aws-kms-key-id': key.arn,
    }),
    deny(asker, 'kms:Decrypt', key.arn, `${who} decrypt with a key that is not the platform's`, { 'kms:ViaService': `s3.${environment.region}.amazonaws.com` }, key.policy),
    ...(lakeKey ? [deny(asker, 'kms:Decrypt', lakeKey.arn!, `${who} decrypt the lake's key outside S3`, { 'kms:ResourceAliases': world.aliasesOf(lakeKey.arn!) })] : []),
    deny(asker, 'ssm:GetParameters', a.regional('ssm', `parameter/data-platform/${environment.name}/pipelines/${SOMEONE_ELSE}/api-token`), `${who} read another pipeline's parameters`),
    deny(asker, 'secretsmanager:GetSecretValue', a.regional('secretsmanager', `secret:data-platform/${environment.name}/pipelines/${SOMEONE_ELSE}/api-token-AbCdEf`), `${who} read another pipeline's secrets`),
    deny(asker, 'ecs:RunTask', a.regional('ecs', `task-definition/${a.otherPipeline}:1`), `${who} run another pipeline's task`, { 'ecs:cluster': a.regional('ecs', `cluster/${a.cluster}`) }),
    deny(asker, 'ecs:StopTask', a.regional('ecs', `task/${a.cluster}/0123456789abcdef0123456789abcdef`), `${who} stop another pipeline's task`, {
      'ecs:cluster': a.regional('ecs', `cluster/${a.cluster}`),
      'aws:ResourceTag/project': SOMEONE_ELSE,
      'aws:ResourceTag/environment': environment.name,
      'aws:ResourceTag/managed-by': 'data-platform',
    }),
    deny(asker, 'states:StartExecution', a.regional('states', `stateMachine:${a.otherPipeline}`), `${who} start another pipeline's runs`),
    deny(asker, 'dynamodb:PutItem', a.regional('dynamodb', `table/${a.otherPipeline}-runs`), `${who} take another pipeline's run slots`),
    deny(asker, 'dynamodb:DeleteItem', a.regional('dynamodb', `table/${a.otherPipeline}-runs`), `${who} free another pipeline's run slots`),
    // The run ledger every pipeline writes: only its own partition, never a read of the whole, never a delete.
    deny(asker, 'dynamodb:PutItem', ledger, `${who} rewrite another pipeline's run records`, { 'dynamodb:LeadingKeys': [SOMEONE_ELSE] }),
    deny(asker, 'dynamodb:DeleteItem', ledger, `${who} delete run records`),
    deny(asker, 'dynamodb:Scan', ledger, `${who} read every pipeline's run records`),
    deny(asker, 'dynamodb:DeleteTable', ledger, `${who} delete the run ledger`),
    deny(asker, 's3:GetObject', `arn:${a.p}:s3:::partner-exports-${OTHER_ACCOUNT}/orders.csv`, `${who} read another account's bucket`),
    deny(asker, 'logs:PutLogEvents', a.regional('logs', `log-group:/data-platform/${environment.name}/pipelines/${SOMEONE_ELSE}:log-stream:x`), `${who} write another pipeline's logs`),
    // What the data checks query: only the platform's workgroup, only its own tables, only its own warnings.
    deny(asker, 'athena:StartQueryExecution', a.regional('athena', 'workgroup/primary'), `${who} query outside the platform's workgroup (no scan cutoff, no enforced results)`),
    deny(asker, 'glue:GetTable', a.regional('glue', `table/${a.names.glueDatabase}/${SOMEONE_ELSE.replace(/-/g, '_')}_orders`), `${who} read another pipeline's table`),
    deny(asker, 'glue:UpdateTable', a.regional('glue', `table/${a.names.glueDatabase}/${SOMEONE_ELSE.replace(/-/g, '_')}_orders`), `${who} change a table`),
    deny(asker, 'events:PutEvents', a.regional('events', 'event-bus/default'), `${who} send another pipeline's check warnings`, {
      'events:source': `data-platform.checks.${a.otherPipeline.slice(PIPELINE_NAME_PREFIX.length)}`,
      'events:detail-type': 'Data Check Warning',
    }),
    deny(asker, 'events:PutEvents', a.regional('events', 'event-bus/default'), `${who} forge an AWS service's events`, { 'events:source': 'aws.states', 'events:detail-type': 'Step Functions Execution Status Change' }),
  ];
}

/**
 * What the deployer (and the break-glass role, which has its documents) may never do: change
 * itself, the planner, the break-glass role or the boundary; make or change a role without the
 * boundary; attach an administrator or unknown policy; pass a CI role; delete, disable, unalias or
 * decrypt with the lake's key; administer another key; change another network; read data or
 * secrets; delete the lake; act in another account or region.
 */
export function deployerMustDeny(world: ConcreteWorld, role: ConcreteRole): Question[] {
  const { environment } = world;
  const a = arns(world);
  const asker: Asker = { kind: 'role', role };
  const boundaryArn = permissionsBoundaryArn(environment);
  const boundary = { 'iam:PermissionsBoundary': boundaryArn };
  const platformRole = a.otherTaskRole;
  const key = foreignKey(world);
  const lakeAlias = `alias/data-platform-lake-${environment.name}`;
  const lakeKey = world.resources().find((r) => r.block.type === 'aws_kms_key' && world.aliasesOf(r.arn!).includes(lakeAlias));
  const foreignTags = { 'aws:ResourceTag/team': 'payments' };
  const platformRequestTags = { 'aws:RequestTag/environment': environment.name, 'aws:RequestTag/managed-by': 'data-platform', 'aws:TagKeys': ['environment', 'managed-by'] };
  const who = `${role.name} must not`;
  const questions: Question[] = [];

  for (const name of ciRoleNames(environment)) {
    const ci = roleArn(environment, name);
    for (const action of [
      'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary',
      'iam:DeleteRolePermissionsBoundary', 'iam:UpdateRole', 'iam:DeleteRole', 'iam:TagRole',
    ]) {
      questions.push(deny(asker, action, ci, `${who} change the CI role ${name} (${action}), even naming the boundary`, boundary));
    }
    questions.push(deny(asker, 'iam:AttachRolePolicy', ci, `${who} attach a policy to the CI role ${name}`, { ...boundary, 'iam:PolicyARN': `arn:${a.p}:iam::aws:policy/ReadOnlyAccess` }));
    questions.push(deny(asker, 'iam:PassRole', ci, `${who} pass the CI role ${name} to a task`, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }));
  }
  for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy', 'iam:TagPolicy']) {
    questions.push(deny(asker, action, boundaryArn, `${who} change the permissions boundary (${action})`));
  }
  questions.push(
    deny(asker, 'iam:CreateRole', platformRole, `${who} create a role without the boundary`),
    deny(asker, 'iam:CreateRole', platformRole, `${who} create a role with another boundary`, { 'iam:PermissionsBoundary': `arn:${a.p}:iam::aws:policy/AdministratorAccess` }),
    deny(asker, 'iam:PutRolePolicy', platformRole, `${who} write the policy of a role that has no boundary`),
    deny(asker, 'iam:UpdateAssumeRolePolicy', platformRole, `${who} change the trust of a role that has no boundary`),
    deny(asker, 'iam:DeleteRolePermissionsBoundary', platformRole, `${who} remove a role's boundary`, boundary),
    deny(asker, 'iam:CreateRole', `arn:${a.p}:iam::${OTHER_ACCOUNT}:role/${a.otherPipeline}-task`, `${who} create a role in another account`, boundary),
    deny(asker, 'iam:CreateUser', `arn:${a.p}:iam::${environment.accountId}:user/${a.otherPipeline}`, `${who} create a user`),
    deny(asker, 'iam:CreatePolicy', `arn:${a.p}:iam::${environment.accountId}:policy/${a.otherPipeline}-admin`, `${who} create a managed policy`),
    deny(asker, 'iam:PassRole', platformRole, `${who} pass a platform role to a service that runs no pipeline`, { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    deny(asker, 'iam:PassRole', roleArn(environment, 'OrganizationAccountAccessRole'), `${who} pass a role that is not the platform's`, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
  );
  for (const policy of [
    `arn:${a.p}:iam::aws:policy/AdministratorAccess`,
    `arn:${a.p}:iam::aws:policy/AdministratorAccess-Amplify`,
    `arn:${a.p}:iam::aws:policy/PowerUserAccess`,
    `arn:${a.p}:iam::aws:policy/IAMFullAccess`,
    `arn:${a.p}:iam::${environment.accountId}:policy/anything-goes`,
  ]) {
    questions.push(deny(asker, 'iam:AttachRolePolicy', platformRole, `${who} attach ${policy} to a platform role`, { ...boundary, 'iam:PolicyARN': policy }));
  }

  // Keys: another key of the account, and the lake's.
  for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:CreateGrant', 'kms:Decrypt']) {
    questions.push(deny(asker, action, key.arn, `${who} ${action} on a key that is not the platform's`, { 'kms:ResourceAliases': ['alias/payments'] }, key.policy));
  }
  questions.push(deny(asker, 'kms:CreateAlias', key.arn, `${who} give a platform alias to a key that is not the platform's`, {}, key.policy));
  if (lakeKey) {
    const aliases = { 'kms:ResourceAliases': world.aliasesOf(lakeKey.arn!) };
    for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:Decrypt']) {
      questions.push(deny(asker, action, lakeKey.arn!, `${who} ${action} on the lake's key`, aliases));
    }
  }
  for (const action of ['kms:DeleteAlias', 'kms:UpdateAlias']) {
    questions.push(deny(asker, action, a.regional('kms', lakeAlias), `${who} ${action} the lake key's alias`));
  }

  // Networks that are not the platform's.
  const vpc = a.regional('ec2', 'vpc/vpc-0f0e1d2c3b4a59687');
  const group = a.regional('ec2', 'security-group/sg-0f0e1d2c3b4a59687');
  const routes = a.regional('ec2', 'route-table/rtb-0f0e1d2c3b4a59687');
  questions.push(
    deny(asker, 'ec2:AuthorizeSecurityGroupIngress', group, `${who} open another team's security group`, foreignTags),
    deny(asker, 'ec2:AuthorizeSecurityGroupIngress', group, `${who} open an untagged security group`),
    deny(asker, 'ec2:DeleteSecurityGroup', group, `${who} delete another team's security group`, foreignTags),
    deny(asker, 'ec2:DeleteVpc', vpc, `${who} delete another team's VPC`, foreignTags),
    deny(asker, 'ec2:ModifyVpcAttribute', vpc, `${who} change another team's VPC`, foreignTags),
    deny(asker, 'ec2:CreateSubnet', vpc, `${who} add a subnet to another team's VPC`, { ...foreignTags, ...platformRequestTags }),
    deny(asker, 'ec2:CreateRoute', routes, `${who} route another team's traffic`, foreignTags),
    deny(asker, 'ec2:DeleteRoute', routes, `${who} delete another team's route`, foreignTags),
    deny(asker, 'ec2:CreateTags', vpc, `${who} tag another team's VPC as the platform's`, { ...foreignTags, ...platformRequestTags }),
    deny(asker, 'ec2:CreateVpc', a.regional('ec2', 'vpc/vpc-0123456789abcdef9'), `${who} create a VPC without the platform's tags`),
    deny(asker, 'ec2:CreateSecurityGroup', vpc, `${who} create a security group in another team's VPC`, { ...foreignTags, ...platformRequestTags }),
    deny(asker, 'ec2:CreateSecurityGroup', a.regional('ec2', 'security-group/sg-0123456789abcdef9'), `${who} create a security group without the platform's tags`),
    deny(asker, 'ec2:AuthorizeSecurityGroupEgress', group, `${who} open another environment's security group`, {
      'aws:ResourceTag/managed-by': 'data-platform',
      'aws:ResourceTag/environment': environment.name === 'prod' ? 'dev' : 'prod',
    }),
  );
  // The platform's own security groups (the shared task group, each pipeline's egress group): never any ingress.
  for (const own of world.resources().filter((r) => r.block.type === 'aws_security_group')) {
    const tags = Object.fromEntries(Object.entries(own.tags).map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
    questions.push(deny(asker, 'ec2:AuthorizeSecurityGroupIngress', own.arn!, `${who} open ${own.stack}: ${own.block.address} to ingress`, tags));
  }

  // Alerts and contracts: only the platform's topics, only the contracts' parameters.
  questions.push(
    deny(asker, 'sns:CreateTopic', a.regional('sns', 'payments-alerts'), `${who} create a topic that is not the platform's`),
    deny(asker, 'sns:SetTopicAttributes', a.regional('sns', `data-platform-alerts-${environment.name === 'prod' ? 'dev' : 'prod'}`), `${who} change another environment's alerts topic`),
    deny(asker, 'ssm:PutParameter', a.regional('ssm', `parameter/data-platform/${environment.name}/pipelines/orders/api-token`), `${who} overwrite a pipeline's SecureString`),
    deny(asker, 'ssm:PutParameter', a.regional('ssm', 'parameter/payments/database-url'), `${who} write a parameter outside the contracts`),
  );

  // Data, secrets, the lake, other accounts and regions.
  questions.push(
    deny(asker, 's3:GetObject', `${a.lake}/orders/dt=2026-01-01/part-0.jsonl`, `${who} read the lake`),
    deny(asker, 's3:GetObject', `${a.queryResults}/results/0a1b.csv`, `${who} read query results`),
    deny(asker, 's3:DeleteBucket', a.lake, `${who} delete the lake`),
    deny(asker, 'ssm:GetParameter', a.regional('ssm', `parameter/data-platform/${environment.name}/pipelines/orders/api-token`), `${who} read a pipeline's SecureString`),
    deny(asker, 'secretsmanager:GetSecretValue', a.regional('secretsmanager', `secret:data-platform/${environment.name}/pipelines/orders/api-token-AbCdEf`), `${who} read a secret`),
    deny(asker, 'logs:GetLogEvents', a.regional('logs', `log-group:/data-platform/${environment.name}/pipelines/orders:log-stream:app`), `${who} read log events`),
    deny(asker, 'ecs:CreateService', a.regional('ecs', `service/${a.cluster}/${a.otherPipeline}`, OTHER_ACCOUNT), `${who} create a service in another account`),
    deny(asker, 'ecs:DescribeTaskDefinition', '*', `${who} act in another region`, { 'aws:RequestedRegion': environment.region === 'us-east-1' ? 'us-west-2' : 'us-east-1' }),
  );
  return questions;
}

/** What the planner may never do: read data, secrets, decrypt, write state (but its locks), or change anything. */
export function plannerMustDeny(world: ConcreteWorld, role: ConcreteRole): Question[] {
  const { environment } = world;
  const a = arns(world);
  const asker: Asker = { kind: 'role', role };
  const state = `arn:${a.p}:s3:::${environment.stateBucket}`;
  const who = `${role.name} must not`;
  return [
    deny(asker, 's3:GetObject', `${a.lake}/orders/dt=2026-01-01/part-0.jsonl`, `${who} read the lake`),
    deny(asker, 's3:GetObject', `${a.queryResults}/results/0a1b.csv`, `${who} read query results`),
    deny(asker, 'ssm:GetParameter', a.regional('ssm', `parameter/data-platform/${environment.name}/pipelines/orders/api-token`), `${who} read a pipeline's SecureString`),
    deny(asker, 'secretsmanager:GetSecretValue', a.regional('secretsmanager', `secret:data-platform/${environment.name}/pipelines/orders/api-token-AbCdEf`), `${who} read a secret`),
    deny(asker, 'kms:Decrypt', a.regional('kms', 'key/0123abcd-0123-4567-89ab-0123456789ab'), `${who} decrypt`),
    deny(asker, 'logs:GetLogEvents', a.regional('logs', `log-group:/data-platform/${environment.name}/pipelines/orders:log-stream:app`), `${who} read log events`),
    deny(asker, 's3:PutObject', `${state}/shared-${environment.name}/terraform.tfstate`, `${who} write state (only its lock files)`),
    deny(asker, 'iam:PutRolePolicy', roleArn(environment, `${a.otherPipeline}-task`), `${who} change a role`, { 'iam:PermissionsBoundary': permissionsBoundaryArn(environment) }),
    deny(asker, 'ec2:AuthorizeSecurityGroupIngress', a.regional('ec2', 'security-group/sg-0123456789abcdef0'), `${who} change the network`),
  ];
}

/**
 * Resource policies against everyone outside: every bucket, key and topic of the stacks refuses a
 * principal of another account (even one its own account allows everything) and unsigned requests;
 * the services that publish alerts may do so for this account only.
 */
export function outsiderMustDeny(world: ConcreteWorld): Question[] {
  const { environment } = world;
  const outsider: Asker = { kind: 'external', arn: `arn:${partitionOf(environment.region)}:iam::${OTHER_ACCOUNT}:role/Admin` };
  const nobody: Asker = { kind: 'anonymous' };
  const questions: Question[] = [];
  for (const resource of world.resources()) {
    const arn = resource.arn;
    if (!arn) continue;
    if (resource.block.type === 'aws_s3_bucket') {
      for (const [asker, label] of [[outsider, 'another account'], [nobody, 'an unsigned request']] as const) {
        questions.push(
          deny(asker, 's3:GetObject', `${arn}/any/key`, `${label} must not read ${resource.block.address}`),
          deny(asker, 's3:PutObject', `${arn}/any/key`, `${label} must not write ${resource.block.address}`),
          deny(asker, 's3:ListBucket', arn, `${label} must not list ${resource.block.address}`),
        );
      }
    }
    if (resource.block.type === 'aws_kms_key') {
      questions.push(
        deny(outsider, 'kms:Decrypt', arn, `another account must not decrypt with ${resource.block.address}`),
        deny(outsider, 'kms:PutKeyPolicy', arn, `another account must not administer ${resource.block.address}`),
      );
    }
    if (resource.block.type === 'aws_sns_topic') {
      questions.push(deny(outsider, 'sns:Publish', arn, `another account must not publish to ${resource.block.address}`));
    }
  }
  return questions;
}
