import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { MOVED_TO_THE_CI_STACK } from '@data-platform/core';
import { processRunner } from '../../cli/src/process/command-runner';
import { renderOfflineTest, type SynthesizedStack } from '../../cli/src/terraform/offline-test';
import { terraformEnvironment } from '../../cli/src/terraform/plugin-mirror';
import { loadArnAttributes } from '../../cli/src/terraform/provider-schema';
import { Terraform } from '../../cli/src/terraform/terraform';
import { SharedStack } from '../../../stacks/shared/src/shared-stack';
import { CiStack } from '../../../stacks/ci/src/ci-stack';
import { fixtureEnvironment } from './support/platform-fixture';

/**
 * A team upgrading from the shared stack that held the CI roles, as Terraform plans it against a
 * mocked AWS provider: the state of before (the CI roles and the OIDC provider at the shared
 * stack's addresses, which the CI stack keeps), then the shared stack of now, which forgets them
 * without destroying anything, and the CI stack, which adopts the existing roles with its import
 * blocks instead of creating them again.
 */
describe('upgrading from CI roles in the shared stack', () => {
  // Tested here, beside the platform's other cross-stack checks, so that neither stack depends on the other.
  const environment = fixtureEnvironment('prod');
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-platform-upgrade-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('upgrade - the shared stack forgets the CI resources (0 destroyed); the CI stack imports the roles and provider (0 created again)', async () => {
    const ci = JSON.parse(Testing.synth(new CiStack(Testing.app(), { environment }))) as SynthesizedStack & Record<string, unknown>;
    const shared = JSON.parse(Testing.synth(new SharedStack(Testing.app(), environment))) as SynthesizedStack & Record<string, unknown>;
    const withoutBackend = (stack: Record<string, unknown>) => {
      const terraform = { ...(stack.terraform as Record<string, unknown>) };
      delete terraform.backend;
      return { ...stack, terraform };
    };
    // Before: the CI resources at the addresses the shared stack gave them (the CI stack's own).
    // (The boundary is new: it was never in the shared stack.)
    const before = JSON.parse(JSON.stringify(withoutBackend(ci))) as { import?: unknown; data: Record<string, unknown>; resource: Record<string, unknown>; output?: unknown };
    delete before.import;
    delete before.data.aws_iam_roles;
    delete before.resource.aws_iam_policy;
    delete before.output;
    const env = terraformEnvironment();
    const arns = await loadArnAttributes(processRunner, env);
    const mocksOf = (stack: SynthesizedStack) => renderOfflineTest(stack, environment, arns).split('\nrun "apply"')[0]!;
    const roles = Object.entries((ci.resource as Record<string, Record<string, { name?: string }>>).aws_iam_role!);
    const [providerAddress] = Object.keys((ci.resource as Record<string, Record<string, unknown>>).aws_iam_openid_connect_provider!);
    const existing = Object.keys((ci.data as Record<string, Record<string, unknown>>).aws_iam_roles!);

    // The shared stack of now, planned on the state of before (import blocks are for a root module only: two folders).
    const sharedDir = join(dir, 'shared');
    mkdirSync(join(sharedDir, 'before'), { recursive: true });
    mkdirSync(join(sharedDir, 'tests'));
    writeFileSync(join(sharedDir, 'before', 'main.tf.json'), JSON.stringify(before));
    writeFileSync(join(sharedDir, 'main.tf.json'), JSON.stringify(withoutBackend(shared)));
    const both = { ...shared, resource: { ...shared.resource, ...ci.resource }, data: { ...shared.data, ...ci.data } } as SynthesizedStack;
    writeFileSync(
      join(sharedDir, 'tests', 'upgrade.tftest.hcl'),
      [mocksOf(both), 'run "before" {', '  state_key = "shared"', '  module { source = "./before" }', '}', 'run "shared_forgets_them" {', '  state_key = "shared"', '  command = plan', '}'].join('\n'),
    );

    // The CI stack of now on an account that has the roles and the provider.
    const ciDir = join(dir, 'ci');
    mkdirSync(join(ciDir, 'tests'), { recursive: true });
    writeFileSync(join(ciDir, 'main.tf.json'), JSON.stringify(withoutBackend(ci)));
    writeFileSync(
      join(ciDir, 'tests', 'upgrade.tftest.hcl'),
      [
        mocksOf(ci),
        'run "ci_adopts_them" {',
        '  command = plan',
        ...existing.map((id) => {
          const name = /^AdoptExisting_(.+)Existing_/.exec(id)![1]!;
          const role = roles.find(([address]) => address.startsWith(name))![1];
          return `  override_data {\n    target = data.aws_iam_roles.${id}\n    values = { names = ["${role.name}"] }\n  }`;
        }),
        ...roles.map(([address, role]) => `  override_resource {\n    target = aws_iam_role.${address}\n    values = { name = "${role.name}", arn = "arn:aws:iam::222222222222:role/${role.name}" }\n  }`),
        `  override_resource {\n    target = aws_iam_openid_connect_provider.${providerAddress}\n    values = { arn = "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com", url = "https://token.actions.githubusercontent.com" }\n  }`,
        '}',
      ].join('\n'),
    );

    const run = async (folder: string) => {
      const terraform = new Terraform(processRunner, 'upgrade', folder, env);
      await terraform.initOffline();
      const result = await terraform.run('test', ['test', '-verbose', '-no-color'], [0, 1]);
      expect({ folder, exitCode: result.exitCode, errors: result.stdout.split('\n').filter((l) => /Error:/.test(l)) }).toEqual({ folder, exitCode: 0, errors: [] });
      return result.stdout;
    };
    const sharedPlan = await run(sharedDir);
    const ciPlan = await run(ciDir);
    const output = `${sharedPlan}\n${ciPlan}`;

    const forgotten = [...output.matchAll(/# (\S+) will no longer be managed by Terraform, but will not be destroyed/g)].map((m) => m[1]);
    expect(forgotten.sort()).toEqual([...MOVED_TO_THE_CI_STACK].sort());
    const plans = [...output.matchAll(/Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy/g)].map((m) => ({
      import: Number(m[1] ?? 0), add: Number(m[2]), destroy: Number(m[4]),
    }));
    // The shared stack's plan, then the CI stack's: nothing destroyed; the 3 roles and the provider imported.
    expect(plans).toHaveLength(2);
    expect(plans[0]!.destroy).toBe(0);
    expect(plans[1]).toEqual(expect.objectContaining({ import: 4, destroy: 0 }));
    // What the CI stack creates is the boundary and the roles' policies (PutRolePolicy overwrites in place), never a role again.
    expect(ciPlan).not.toMatch(/# aws_iam_role\.\S+ will be created/);
    expect(ciPlan).not.toMatch(/# aws_iam_openid_connect_provider\.\S+ will be created/);
    expect(ciPlan).toMatch(/# aws_iam_policy\.PermissionsBoundary_Policy_[0-9A-F]{8} will be created/);
  });
});
