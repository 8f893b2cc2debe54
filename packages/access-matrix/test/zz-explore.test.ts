import { askAll, describe as line } from '../src/access-matrix';
import { deployerMustDeny, outsiderMustDeny, platformRoleMustDeny, plannerMustDeny } from '../src/must-deny';
import { jobQuestions, terraformQuestions } from '../src/questions';
import { fixturePlatform } from './support/platform-fixture';

test('explore', async () => {
  const platform = fixturePlatform('dev');
  const { world } = platform;
  const roles = world.roles();
  console.log(roles.map((r) => r.name).join(' '));
  const deployer = world.roleNamed('data-platform-deployer-dev');
  const planner = world.roleNamed('data-platform-planner-dev');
  const ciRoles = new Set(['data-platform-deployer-dev', 'data-platform-planner-dev', 'data-platform-break-glass-dev']);
  const questions = [
    ...terraformQuestions(world, deployer, { stacks: [platform.shared, platform.access, ...platform.pipelines], as: 'deploy' }),
    ...terraformQuestions(world, planner, { stacks: [platform.ci, platform.shared, platform.access, ...platform.pipelines], as: 'plan' }),
    ...deployerMustDeny(world, deployer),
    ...plannerMustDeny(world, planner),
    ...roles.filter((r) => !ciRoles.has(r.name)).flatMap((r) => [...jobQuestions(world, r), ...platformRoleMustDeny(world, r)]),
    ...outsiderMustDeny(world),
  ];
  const report = await askAll(world, questions);
  console.log(report.asked, report.allowedAsExpected, report.deniedAsExpected, report.wrong.length, report.notApplicable, JSON.stringify(report.unevaluable.map((u) => [u.answer.question.why, u.ignoredKeys])));
  console.log(report.wrong.slice(0, 80).map(line).join('\n'));
});
