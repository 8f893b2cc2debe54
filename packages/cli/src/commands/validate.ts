import { join } from 'node:path';
import { formatPolicyTable, POLICY_REPORT_FILE, readPolicyReport } from '@data-platform/policies';
import { processRunner, type CommandRunner } from '../process/command-runner';
import { readSynthesized, type ProjectStack } from '../stack-project';
import { runOfflineTest } from '../terraform/offline-test';
import { terraformEnvironment } from '../terraform/plugin-mirror';
import { loadArnAttributes } from '../terraform/provider-schema';
import { Terraform } from '../terraform/terraform';
import { CommandError, type Reporter } from './reporter';

/**
 * The offline check of one synthesized stack, no AWS needed: `terraform init` without backend,
 * `terraform validate` against the real provider schema, then a plan and an apply against a mocked
 * AWS provider (`terraform test`), which must plan at least one change. Ends with the table of the
 * policy checks synth ran on the stack (its `policy-report.json`).
 */
export async function validate(stack: ProjectStack, report: Reporter, runner: CommandRunner = processRunner): Promise<void> {
  const synthesized = readSynthesized(stack);
  const policies = readPolicyReport(stack.dir);
  if (!policies) {
    throw new CommandError(
      `${stack.name} has no policy report (${join(stack.dir, POLICY_REPORT_FILE)}): every PlatformStack writes one at synth; run \`npx nx run ${stack.project.name}:synth\` again.`,
    );
  }
  const env = terraformEnvironment();
  const terraform = new Terraform(runner, stack.name, stack.dir, env);

  await terraform.initOffline();
  report.step(`${stack.name}: terraform init (no backend${env.TF_CLI_CONFIG_FILE ? ', providers from TF_PLUGIN_DIR' : ''})`);
  const warnings = await terraform.validate();
  report.step(`${stack.name}: terraform validate: valid${warnings.length ? ` (${warnings.length} warnings)` : ''}`);
  const arns = await loadArnAttributes(runner, env);
  const result = await runOfflineTest(runner, env, stack.dir, synthesized, stack.environment, arns, stack.name);
  const count = (action: string) => result.plan.filter((c) => c.change.actions.includes(action)).length;
  report.step(`${stack.name}: mocked plan: ${count('create')} to add, ${count('update')} to change, ${count('delete')} to destroy`);
  report.step(`${stack.name}: mocked apply: ${result.applied} resources`);
  report.summary(`${stack.name}: valid; the mocked plan and apply succeeded.\n\n${formatPolicyTable(policies)}`);
}
