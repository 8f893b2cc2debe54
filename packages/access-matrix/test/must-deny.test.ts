import { deployerMustDeny, outsiderMustDeny, platformRoleMustDeny, plannerMustDeny } from '../src/must-deny';
import { fixturePlatform } from './support/platform-fixture';

describe('must-deny', () => {
  const { world } = fixturePlatform('prod');

  test('deployerMustDeny - asks every escalation path of a deployer: itself, the other CI roles, the boundary, managed policies, keys, networks', () => {
    const whys = deployerMustDeny(world, world.roleNamed('data-platform-deployer-prod')).map((q) => q.why);
    for (const expected of [
      'change the CI role data-platform-deployer-prod (iam:PutRolePolicy), even naming the boundary',
      'change the CI role data-platform-deployer-prod (iam:DeleteRolePolicy), even naming the boundary',
      'change the CI role data-platform-deployer-prod (iam:UpdateAssumeRolePolicy), even naming the boundary',
      'pass the CI role data-platform-deployer-prod to a task',
      'change the CI role data-platform-break-glass-prod (iam:PutRolePolicy), even naming the boundary',
      'change the permissions boundary (iam:CreatePolicyVersion)',
      'create a role without the boundary',
      'remove a role\'s boundary',
      'attach arn:aws:iam::aws:policy/AdministratorAccess-Amplify to a platform role',
      'attach arn:aws:iam::222222222222:policy/anything-goes to a platform role',
      'kms:ScheduleKeyDeletion on the lake\'s key',
      'kms:PutKeyPolicy on a key that is not the platform\'s',
      'open another team\'s security group',
      'delete another team\'s VPC',
      'route another team\'s traffic',
    ]) {
      expect(whys).toContain(`data-platform-deployer-prod must not ${expected}`);
    }
    expect(deployerMustDeny(world, world.roleNamed('data-platform-deployer-prod')).every((q) => q.expect === 'deny')).toBe(true);
  });

  test('platformRoleMustDeny, plannerMustDeny, outsiderMustDeny - only denials', () => {
    const questions = [
      ...platformRoleMustDeny(world, world.roleNamed('dp-orders-feed-prod-task')),
      ...plannerMustDeny(world, world.roleNamed('data-platform-planner-prod')),
      ...outsiderMustDeny(world),
    ];
    expect(questions.length).toBeGreaterThan(40);
    expect(questions.every((q) => q.expect === 'deny')).toBe(true);
  });
});
