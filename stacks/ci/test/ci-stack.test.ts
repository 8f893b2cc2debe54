import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { contractParameterPrefixes, MOVED_TO_THE_CI_STACK } from '@data-platform/core';
import { collectSuppressions, dataPlatformPack, evaluateStack } from '@data-platform/policies';
import { Testing } from 'cdktf';
import { CiStack } from '../src/ci-stack';
import { dataSourcesOf, testEnvironment, type Statement } from './fixtures';

const onCall = 'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OnCall_0123456789abcdef';

function synthCi(environment = testEnvironment('dev')): string {
  return Testing.synth(new CiStack(Testing.app(), { environment }));
}

describe('CiStack', () => {
  const dev = synthCi();

  test('CiStack - ci-dev matches its snapshot', () => {
    expect(dev).toMatchSnapshot();
  });

  test('CiStack - ci-prod, with break-glass principals, matches its snapshot', () => {
    expect(synthCi(testEnvironment('prod', { breakGlass: { assumedBy: [onCall] } }))).toMatchSnapshot();
  });

  test('CiStack - creates the boundary data-platform-boundary-<env>', () => {
    expect(dev).toHaveResourceWithProperties(IamPolicy, { name: 'data-platform-boundary-dev' });
  });

  test('CiStack - every GitHub trust policy pins aud and sub with StringEquals to exact repositories', () => {
    const statements = dataSourcesOf(dev, 'aws_iam_policy_document').flatMap((doc) => doc.statement as Statement[]);
    const trusts = statements.filter((s) => s.actions?.includes('sts:AssumeRoleWithWebIdentity'));
    expect(trusts).toHaveLength(2);
    for (const trust of trusts) {
      const aud = trust.condition?.filter((c) => c.variable === 'token.actions.githubusercontent.com:aud');
      const sub = trust.condition?.filter((c) => c.variable === 'token.actions.githubusercontent.com:sub');
      expect(aud).toEqual([{ test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] }]);
      expect(sub).toHaveLength(1);
      expect(sub![0]!.test).toBe('StringEquals');
      for (const subject of sub![0]!.values) expect(subject).toMatch(/^repo:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:[^*?]+$/);
    }
  });

  test('CiStack - set operators only on multivalued keys (kms:ResourceAliases, events:source, events:detail-type)', () => {
    const conditions = dataSourcesOf(dev, 'aws_iam_policy_document')
      .flatMap((doc) => doc.statement as Statement[])
      .flatMap((s) => s.condition ?? []);
    const set = conditions.filter((c) => /^For(AllValues|AnyValue):/.test(c.test));
    expect(set.length).toBeGreaterThan(0);
    expect([...new Set(set.map((c) => c.variable))].sort()).toEqual(['events:detail-type', 'events:source', 'kms:ResourceAliases']);
  });

  test('CiStack - the break-glass role exists only in a protected environment with principals', () => {
    expect(new CiStack(Testing.app(), { environment: testEnvironment('prod') }).breakGlassRole).toBeUndefined();
    expect(new CiStack(Testing.app(), { environment: testEnvironment('prod', { breakGlass: { assumedBy: [onCall] } }) }).breakGlassRole).toBeDefined();
  });

  test('CiStack - passes the platform policy pack; the CI roles go without the boundary, each with its reason', () => {
    for (const environment of [testEnvironment('dev'), testEnvironment('prod', { breakGlass: { assumedBy: [onCall] } })]) {
      const stack = new CiStack(Testing.app(), { environment });
      const report = evaluateStack({
        synthesized: stack.toTerraform() as never,
        context: {
          stackName: stack.node.id,
          environment: environment.name,
          networkMode: environment.networkMode,
          readableParameterPrefixes: contractParameterPrefixes(environment.name),
          permissionsBoundary: `arn:aws:iam::${environment.accountId}:policy/data-platform-boundary-${environment.name}`,
          dataBuckets: [`data-platform-lake-${environment.name}-${environment.accountId}`],
        },
        pack: dataPlatformPack,
        suppressions: collectSuppressions(stack),
      });
      expect(report.findings.filter((f) => f.level === 'error' && f.suppressedBecause === undefined)).toEqual([]);
      const suppressed = report.findings.map((f) => `${f.ruleId} ${f.address.replace(/_[0-9A-F]{8}$/, '')}`).sort();
      const breakGlass = environment.name === 'prod';
      expect(suppressed).toEqual([
        'IamPassRoleScoped aws_iam_policy.PermissionsBoundary_Policy',
        ...(breakGlass ? ['IamPassRoleScoped aws_iam_role_policy.BreakGlassRole_Deploy'] : []),
        'IamPassRoleScoped aws_iam_role_policy.DeployerRole_Deploy',
        ...(breakGlass ? ['IamRolePermissionsBoundary aws_iam_role.BreakGlassRole'] : []),
        'IamRolePermissionsBoundary aws_iam_role.DeployerRole',
        'IamRolePermissionsBoundary aws_iam_role.PlannerRole',
        'IamSharedTableOwnItems aws_iam_policy.PermissionsBoundary_Policy',
      ]);
    }
  });

  test('CiStack - adopts existing CI roles and the OIDC provider with import blocks, at the addresses the shared stack had them', () => {
    const json = JSON.parse(synthCi(testEnvironment('prod', { breakGlass: { assumedBy: [onCall] } }))) as {
      import: Array<{ for_each: string; to: string; id: string }>;
      data: { aws_iam_roles: Record<string, { name_regex: string }> };
    };
    expect(json.import.map((block) => block.to).sort()).toEqual(MOVED_TO_THE_CI_STACK.filter((address) => /aws_iam_role\.|openid/.test(address)).sort());
    expect(Object.values(json.data.aws_iam_roles).map((d) => d.name_regex).sort()).toEqual([
      '^data-platform-break-glass-prod$',
      '^data-platform-deployer-prod$',
      '^data-platform-planner-prod$',
    ]);
    const provider = json.import.find((block) => block.to.startsWith('aws_iam_openid_connect_provider.'))!;
    expect(provider.id).toBe('arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com');
    expect(provider.for_each).toMatch(/^\$\{data\.aws_iam_roles\.AdoptExisting_DeployerRoleExisting_[0-9A-F]{8}\.names\}$/);
    // Every address the shared stack forgets is in this stack.
    const resources = JSON.parse(synthCi(testEnvironment('prod', { breakGlass: { assumedBy: [onCall] } }))).resource as Record<string, Record<string, unknown>>;
    for (const address of MOVED_TO_THE_CI_STACK) {
      const [type, name] = address.split('.');
      expect({ address, present: resources[type!]?.[name!] !== undefined }).toEqual({ address, present: true });
    }
  });
});
