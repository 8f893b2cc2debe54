import { join } from 'node:path';
import { formatPolicyTable, POLICY_REPORT_FILE, readPolicyReport } from '@data-platform/policies';
import { processRunner, type CommandRunner } from '../process/command-runner';
import { readSynthesized, type ProjectStack } from '../stack-project';
import { runOfflineTest } from '../terraform/offline-test';
import { terraformEnvironment } from '../terraform/plugin-mirror';
import { loadArnAttributes } from '../terraform/provider-schema';
import { CommandError, type Reporter } from './reporter';

/**
 * The offline check of one synthesized stack, no AWS needed, in one terraform process:
 * `terraform test` validates the configuration against the real provider schema, then plans and
 * applies it against a mocked AWS provider; the plan must create something. The providers are
 * installed once for every stack that requires the same ones. Ends with the table of the policy
 * checks synth ran on the stack (its `policy-report.json`).
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
  const arns = await loadArnAttributes(runner, env);
  const result = await runOfflineTest(runner, env, stack.dir, synthesized, stack.environment, arns, stack.name);
  // No "installed now": Nx replays these lines from its cache.
  report.step(`${stack.name}: providers ${env.TF_CLI_CONFIG_FILE ? 'from TF_PLUGIN_DIR' : 'from the registry'}`);
  report.step(`${stack.name}: configuration valid${result.warnings.length ? ` (${result.warnings.length} warnings)` : ''}`);
  report.step(`${stack.name}: mocked plan: ${result.created} to add, 0 to change, 0 to destroy`);
  report.step(`${stack.name}: mocked apply: ${result.created} resources`);
  report.summary(`${stack.name}: valid; the mocked plan and apply succeeded.\n\n${formatPolicyTable(policies)}`);
}
