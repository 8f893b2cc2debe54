import { compliant, dataPlatformPack, defineRule, type PolicyPack } from '@data-platform/policies';
import { policyRulesSection } from './policy-rules';

const rule = (id: string, summary: string, anchors = {}) =>
  defineRule({ id, summary, explanation: 'why', fix: 'how', anchors, subjects: ['aws_s3_bucket'], evaluate: () => compliant });

describe('policy-rules', () => {
  test('policyRulesSection - one row per rule in the pack\'s order, with its level per network mode and its anchors', () => {
    const pack: PolicyPack = {
      name: 'test-pack',
      entries: [
        { rule: rule('BucketsVersioned', 'S3 buckets | versioned', { checkov: ['CKV_AWS_21'], securityHub: ['S3.14'] }), level: 'error' },
        { rule: rule('TasksNoPublicIp', 'no public IP'), level: (context) => (context.networkMode === 'public-dev' ? 'warning' : 'error') },
        { rule: rule('RootReadOnly', 'read-only root', { cdkNag: ['AwsSolutions-ECS2'] }), level: 'warning' },
      ],
    };

    expect(policyRulesSection(pack)).toBe(
      [
        'The pack `test-pack` applies 3 rules: 1 always errors, 2 reported as warnings where the table says so.',
        '',
        '| rule | what it checks | level | the same check elsewhere |',
        '| --- | --- | --- | --- |',
        '| `BucketsVersioned` | S3 buckets \\| versioned | error | CKV_AWS_21, Security Hub S3.14 |',
        '| `TasksNoPublicIp` | no public IP | error in `private`, warning in `public-dev` |  |',
        '| `RootReadOnly` | read-only root | warning | AwsSolutions-ECS2 |',
      ].join('\n'),
    );
  });

  test('policyRulesSection - the platform\'s pack: every rule it applies, once', () => {
    const section = policyRulesSection(dataPlatformPack);
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));

    expect(rows.map((row) => /^\| `([A-Za-z0-9]+)`/.exec(row)![1])).toEqual(dataPlatformPack.entries.map((entry) => entry.rule.id));
    expect(section).toContain(`applies ${dataPlatformPack.entries.length} rules`);
  });
});
