import { partitionOf } from '@data-platform/config';
import { permissionsBoundaryArn } from '@data-platform/core';
import { askAll, describe as line, unusedActions, type MatrixReport, type Question } from '../src/access-matrix';
import type { ConcreteRole, ConcreteWorld } from '../src/concrete-world';
import { deployerMustDeny, OTHER_ACCOUNT, outsiderMustDeny, platformRoleMustDeny, plannerMustDeny } from '../src/must-deny';
import { jobQuestions, terraformQuestions } from '../src/questions';
import { fixturePlatform, type FixturePlatform } from './support/platform-fixture';

/**
 * The access matrix of the platform, per stack and environment: every role's job and what it must
 * never do, the CI roles against every action Terraform and deploy take on every resource of every
 * stack, and the resource policies against everyone outside, answered by an IAM policy evaluator.
 */

const ciRoleNames = (env: string) => [`data-platform-deployer-${env}`, `data-platform-planner-${env}`, `data-platform-break-glass-${env}`];

/** What each stack asks: the questions of the roles it creates, and of its resources' policies. */
function stackQuestions(platform: FixturePlatform, stack: string): Question[] {
  const { world, environment } = platform;
  const env = environment.name;
  const roles = world.roles().filter((role) => role.stack === stack);
  const questions: Question[] = [];
  for (const role of roles) {
    if (role.name === `data-platform-deployer-${env}` || role.name === `data-platform-break-glass-${env}`) {
      questions.push(
        ...terraformQuestions(world, role, { stacks: [platform.shared, platform.access, ...platform.pipelines], as: 'deploy' }),
        ...deployerMustDeny(world, role),
      );
    } else if (role.name === `data-platform-planner-${env}`) {
      questions.push(
        ...terraformQuestions(world, role, { stacks: [platform.ci, platform.shared, platform.access, ...platform.pipelines], as: 'plan' }),
        ...plannerMustDeny(world, role),
      );
    } else {
      questions.push(...jobQuestions(role), ...platformRoleMustDeny(world, role));
    }
  }
  const own = new Set(world.resources().filter((r) => r.stack === stack).map((r) => r.arn));
  questions.push(...outsiderMustDeny(world).filter((q) => own.has(q.resource.replace(/\/any\/key$/, ''))));
  return questions;
}

/** The evaluator cannot take `kms:EncryptionContext:<key>` (iam-simulate 0.1.173 reads only `/`-separated variable keys). */
function expectOnlyKnownEvaluatorLimits(report: MatrixReport): void {
  for (const { ignoredKeys } of report.unevaluable) for (const key of ignoredKeys) expect(key).toMatch(/^kms:EncryptionContext:/);
}

function expectAnswered(report: MatrixReport): void {
  expect(report.wrong.map(line)).toEqual([]);
  expect(report.allowedAsExpected).toBeGreaterThan(0);
  expect(report.deniedAsExpected).toBeGreaterThan(0);
  expectOnlyKnownEvaluatorLimits(report);
}

function role(world: ConcreteWorld, name: string): ConcreteRole {
  return world.roleNamed(name);
}

describe.each(['dev', 'prod'] as const)('the access matrix of %s', (env) => {
  const platform = fixturePlatform(env);
  const { world, environment } = platform;
  const p = partitionOf(environment.region);
  const regional = (service: string, resource: string) => `arn:${p}:${service}:${environment.region}:${environment.accountId}:${resource}`;
  const lake = `arn:${p}:s3:::data-platform-lake-${env}-${environment.accountId}`;
  const figures: Record<string, MatrixReport> = {};

  afterAll(() => {
    if (!process.env.ACCESS_MATRIX_FIGURES) return;
    const total = Object.values(figures).reduce(
      (sum, r) => ({ asked: sum.asked + r.asked, allowed: sum.allowed + r.allowedAsExpected, denied: sum.denied + r.deniedAsExpected, wrong: sum.wrong + r.wrong.length, unevaluable: sum.unevaluable + r.unevaluable.length }),
      { asked: 0, allowed: 0, denied: 0, wrong: 0, unevaluable: 0 },
    );
    console.log(`${env}: ${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, r]) => [k, [r.asked, r.allowedAsExpected, r.deniedAsExpected, r.wrong.length, r.unevaluable.length]])))} total ${JSON.stringify(total)}`);
  });

  test(`ci-${env} - the deployer and the planner can apply, plan and destroy every resource of every stack, and escalate nowhere`, async () => {
    const report = await askAll(world, stackQuestions(platform, platform.ci));
    figures[platform.ci] = report;
    expectAnswered(report);
  });

  test(`ci-${env} - the deployer holds no permission neither Terraform nor deploy uses`, () => {
    const deployer = role(world, `data-platform-deployer-${env}`);
    const questions = terraformQuestions(world, deployer, { stacks: [platform.shared, platform.access, ...platform.pipelines], as: 'deploy' });
    expect(unusedActions(deployer, questions)).toEqual([]);
  });

  test(`ci-${env} - the matrix asks about what teams and runs added: team topics, keys, subscriptions, parameters and channels, egress groups, slot releases`, () => {
    const deployer = role(world, `data-platform-deployer-${env}`);
    const asked = new Set(
      terraformQuestions(world, deployer, { stacks: [platform.shared, platform.access, ...platform.pipelines], as: 'deploy' }).map((q) => q.why.replace(/^\S+ \S+ /, '').replace(/ \(.*\)$/, '')),
    );
    const named = (type: string, name: RegExp) =>
      world.resources().filter((r) => r.block.type === type && name.test(String(world.resolve(r.stack, r.block.config.name ?? r.block.config.alarm_name ?? r.block.config.configuration_name))));
    const added = [
      ...named('aws_sns_topic', new RegExp(`^data-platform-alerts-orders-team-${env}$`)),
      ...world.resources().filter((r) => r.stack === platform.access && ['aws_kms_key', 'aws_kms_alias', 'aws_sns_topic_subscription', 'aws_sns_topic_policy', 'aws_ssm_parameter'].includes(r.block.type)),
      ...named('aws_chatbot_slack_channel_configuration', new RegExp(`^data-platform-alerts-orders-team-${env}$`)),
      ...named('aws_iam_role', new RegExp(`^data-platform-chatbot-orders-team-${env}$`)),
      ...named('aws_security_group', new RegExp(`^dp-[a-z-]+-${env}-egress$`)),
      ...named('aws_sfn_state_machine', new RegExp(`^dp-[a-z-]+-${env}-release$`)),
      ...named('aws_cloudwatch_event_rule', new RegExp(`^dp-[a-z-]+-${env}-run-ended$`)),
      ...named('aws_iam_role', new RegExp(`^dp-[a-z-]+-${env}-(release|ended)$`)),
      ...named('aws_cloudwatch_metric_alarm', new RegExp(`^dp-[a-z-]+-${env}-release-failed$`)),
    ];
    // Four egress groups, three slot releases (with a rule, two roles, an alarm each), the team's topic and key, two team parameters.
    expect(added.length).toBeGreaterThanOrEqual(4 + 3 * 5 + 2 + 2 + (env === 'dev' ? 2 : 0));
    expect(added.map((r) => `${r.stack}: ${r.block.address}`).filter((address) => !asked.has(address))).toEqual([]);
  });

  for (const stack of [`shared-${env}`, `access-${env}`]) {
    test(`${stack} - every role does its job and nothing else; nobody outside reaches its buckets, keys and topic`, async () => {
      const report = await askAll(world, stackQuestions(platform, stack));
      figures[stack] = report;
      expectAnswered(report);
    });
  }

  test.each(['orders-api', 'orders-feed', 'orders-summary', 'orders-landing'])(`%s-${env} - every role does its job and nothing else`, async (pipeline) => {
    const report = await askAll(world, stackQuestions(platform, `${pipeline}-${env}`));
    figures[`${pipeline}-${env}`] = report;
    expectAnswered(report);
  });

  test(`pipelines and teams of ${env} - what each job needs is allowed; its neighbours' is not`, async () => {
    const task = (pipeline: string) => role(world, `dp-${pipeline}-${env}-task`);
    const cluster = regional('ecs', `cluster/data-platform-${env}`);
    const taskTags = (project: string) => ({
      'ecs:cluster': cluster,
      'aws:ResourceTag/project': project,
      'aws:ResourceTag/environment': env,
      'aws:ResourceTag/managed-by': 'data-platform',
    });
    const lakeKey = world.resources().find((r) => r.block.type === 'aws_kms_key' && world.aliasesOf(r.arn!).includes(`alias/data-platform-lake-${env}`))!;
    const viaS3 = { 'kms:ViaService': `s3.${environment.region}.amazonaws.com`, 'kms:ResourceAliases': world.aliasesOf(lakeKey.arn!) };
    const allow = (asker: ConcreteRole, action: string, resource: string, why: string, context = {}): Question => ({ asker: { kind: 'role', role: asker }, action, resource, context, expect: 'allow', why });
    const deny = (asker: ConcreteRole, action: string, resource: string, why: string, context = {}): Question => ({ asker: { kind: 'role', role: asker }, action, resource, context, expect: 'deny', why });
    const questions: Question[] = [
      allow(task('orders-feed'), 's3:PutObject', `${lake}/orders-feed/orders/dt=2026-01-01/hour=05/part-0.jsonl.gz`, 'a job writes its dataset'),
      allow(task('orders-feed'), 'kms:GenerateDataKey', lakeKey.arn!, 'a job encrypts what it writes, through S3', viaS3),
      allow(task('orders-feed'), 's3:ListBucket', lake, 'a job lists under its own prefix (S3 then answers 404 for a missing key)', { 's3:prefix': 'orders-feed/orders/dt=2026-01-01/' }),
      deny(task('orders-feed'), 's3:ListBucket', lake, 'a job lists no other pipeline\'s prefix', { 's3:prefix': 'orders-api/' }),
      allow(task('orders-summary'), 's3:GetObject', `${lake}/orders-feed/orders/dt=2026-01-01/hour=05/part-0.jsonl.gz`, 'a job reads the dataset it declares'),
      allow(task('orders-summary'), 'kms:Decrypt', lakeKey.arn!, 'a job decrypts what it reads, through S3', viaS3),
      deny(task('orders-summary'), 's3:PutObject', `${lake}/orders-feed/orders/dt=2026-01-01/hour=05/part-0.jsonl.gz`, 'a job does not write the dataset it reads'),
      deny(task('orders-summary'), 's3:GetObject', `${lake}/orders-api/state.json`, 'a job reads no dataset it does not declare'),
      allow(task('orders-landing'), 's3:GetObject', `${lake}/partner-drops/orders/2026-01-01.csv`, 'a job reads the drop prefix it declares'),
      deny(task('orders-landing'), 's3:PutObject', `${lake}/partner-drops/orders/2026-01-01.csv`, 'a job does not write a prefix it only reads'),
      allow(role(world, `dp-orders-api-${env}-execution`), 'ssm:GetParameters', regional('ssm', `parameter/data-platform/${env}/pipelines/orders-api/api-token`), 'a task starts with its own parameter'),
      allow(role(world, `dp-orders-api-${env}-execution`), 'secretsmanager:GetSecretValue', regional('secretsmanager', `secret:data-platform/${env}/pipelines/orders-api/orders-db-AbCdEf`), 'a task starts with its own secret'),
      deny(role(world, `dp-orders-api-${env}-execution`), 'ssm:GetParameters', regional('ssm', `parameter/data-platform/${env}/pipelines/orders-feed/shop-token`), 'a task reads no other pipeline\'s parameter'),
      allow(role(world, `dp-orders-feed-${env}-states`), 'ecs:RunTask', regional('ecs', `task-definition/dp-orders-feed-${env}:7`), 'a job runs its task', { 'ecs:cluster': cluster }),
      allow(role(world, `dp-orders-feed-${env}-states`), 'ecs:StopTask', regional('ecs', `task/data-platform-${env}/0123456789abcdef0123456789abcdef`), 'a job stops its own task at its timeout', taskTags('orders-feed')),
      deny(role(world, `dp-orders-feed-${env}-states`), 'ecs:StopTask', regional('ecs', `task/data-platform-${env}/0123456789abcdef0123456789abcdef`), 'a job stops no service\'s task', taskTags('orders-api')),
      allow(role(world, `dp-orders-feed-${env}-states`), 'iam:PassRole', role(world, `dp-orders-feed-${env}-task`).arn, 'a job passes its task role to ECS', { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
      deny(role(world, `dp-orders-feed-${env}-states`), 'iam:PassRole', role(world, `dp-orders-api-${env}-task`).arn, 'a job passes no other pipeline\'s role', { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }),
      allow(role(world, `dp-orders-summary-${env}-events`), 'states:StartExecution', regional('states', `stateMachine:dp-orders-summary-${env}-trigger`), 'a rule starts its trigger'),
      deny(role(world, `dp-orders-summary-${env}-events`), 'states:StartExecution', regional('states', `stateMachine:dp-orders-summary-${env}`), 'a rule starts nothing but its trigger'),
      allow(role(world, `data-platform-read-analytics-${env}`), 's3:GetObject', `${lake}/orders-feed/orders/dt=2026-01-01/hour=05/part-0.jsonl.gz`, 'a team reads its granted dataset'),
      allow(role(world, `data-platform-read-analytics-${env}`), 'athena:StartQueryExecution', regional('athena', `workgroup/data-platform-${env}`), 'a team queries in the platform workgroup'),
      deny(role(world, `data-platform-read-analytics-${env}`), 's3:GetObject', `${lake}/orders-api/state.json`, 'a team reads no dataset it was not granted'),
      deny(role(world, `data-platform-read-analytics-${env}`), 's3:PutObject', `${lake}/orders-feed/orders/x.jsonl`, 'a team writes nothing to the lake'),
    ];
    const report = await askAll(world, questions);
    figures[`jobs-${env}`] = report;
    expect(report.wrong.map(line)).toEqual([]);
    expect(report.asked).toBe(questions.length);
  });

  test(`alerts of ${env} - the publishing services use the topic and its key for this account only`, async () => {
    const topic = world.resources().find((r) => r.block.type === 'aws_sns_topic')!;
    const key = world.resources().find((r) => r.block.type === 'aws_kms_key' && world.aliasesOf(r.arn!).includes(`alias/data-platform-alerts-${env}`))!;
    const ask = (name: string, action: string, resource: string, account: string, expect: 'allow' | 'deny'): Question => ({
      asker: { kind: 'service', name },
      action,
      resource,
      context: { 'aws:SourceAccount': account },
      expect,
      why: `${name} acting for ${account === environment.accountId ? 'this account' : 'another account'}`,
    });
    const questions = ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'states.amazonaws.com'].flatMap((service) => [
      ask(service, 'sns:Publish', topic.arn!, environment.accountId, 'allow'),
      ask(service, 'kms:GenerateDataKey', key.arn!, environment.accountId, 'allow'),
      ask(service, 'sns:Publish', topic.arn!, OTHER_ACCOUNT, 'deny'),
      ask(service, 'kms:GenerateDataKey', key.arn!, OTHER_ACCOUNT, 'deny'),
    ]);
    const report = await askAll(world, questions);
    figures[`alerts-${env}`] = report;
    expect(report.wrong.map(line)).toEqual([]);
  });

  test(`ci-${env} - a widened policy turns the matrix red: "Action: *" or "Resource: *" planted in a role`, async () => {
    const planted = (target: ConcreteRole, statement: Record<string, unknown>): ConcreteRole => ({
      ...target,
      identityPolicies: [...target.identityPolicies, { name: 'planted', policy: { Version: '2012-10-17', Statement: [statement] } }],
    });
    const deployer = planted(role(world, `data-platform-deployer-${env}`), { Effect: 'Allow', Action: '*', Resource: '*' });
    const taskRole = planted(role(world, `dp-orders-feed-${env}-task`), { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 'ssm:GetParameters'], Resource: '*' });
    const deployerReport = await askAll(world, deployerMustDeny(world, deployer));
    const taskReport = await askAll(world, platformRoleMustDeny(world, taskRole));
    // The explicit denials still hold (the CI roles, the boundary, the lake), but the rest opens up.
    expect(deployerReport.wrong.map((a) => a.question.why)).toEqual(
      expect.arrayContaining([
        `data-platform-deployer-${env} must not open another team's security group`,
        `data-platform-deployer-${env} must not create a user`,
        `data-platform-deployer-${env} must not ec2:AuthorizeSecurityGroupIngress on a key that is not the platform's`.replace('ec2:AuthorizeSecurityGroupIngress', 'kms:ScheduleKeyDeletion'),
      ]),
    );
    expect(deployerReport.wrong.map((a) => a.question.why)).not.toContain(`data-platform-deployer-${env} must not change the CI role data-platform-deployer-${env} (iam:PutRolePolicy), even naming the boundary`);
    // A pipeline role's boundary lets the lake and parameters through: its own policy is what holds them.
    expect(taskReport.wrong.map((a) => a.question.why)).toEqual(
      expect.arrayContaining([
        `dp-orders-feed-${env}-task must not read another pipeline's data`,
        `dp-orders-feed-${env}-task must not read another pipeline's parameters`,
      ]),
    );
    expect(permissionsBoundaryArn(environment)).toBe(role(world, `dp-orders-feed-${env}-task`).boundary!.name);
  });

  test(`ci-${env} - the roles of the matrix are every role the stacks create, the CI roles included`, () => {
    const names = world.roles().map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(ciRoleNames(env).filter((n) => env === 'prod' || !n.includes('break-glass'))));
    expect(names.length).toBeGreaterThan(20);
  });
});
