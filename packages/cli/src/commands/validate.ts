import { join } from 'node:path';
import type { TerraformJson } from '@data-platform/state-machine-harness';
import { formatPolicyTable, POLICY_REPORT_FILE, readPolicyReport } from '@data-platform/policies';
import { checkOwnUpstreams } from '../fleet/upstream-check';
import { checkStateMachines } from '../machines/machine-checks';
import { processRunner, type CommandRunner } from '../process/command-runner';
import { readSynthesized, type ProjectStack } from '../stack-project';
import { runOfflineTest } from '../terraform/offline-test';
import { terraformEnvironment } from '../terraform/plugin-mirror';
import { loadArnAttributes } from '../terraform/provider-schema';
import { findWorkspaceRoot } from './command-context';
import { CommandError, type Reporter } from './reporter';

/**
 * The offline check of one synthesized stack, no AWS needed. A pipeline's upstreams are checked
 * as the fleet check does; its state machines by asl-validator and jsonata 2.0.6, and a job's by
 * its run scenarios, executed on the synthesized definitions. Then, in one terraform process,
 * `terraform test` validates the configuration against the real provider schema, then plans and
 * applies it against a mocked AWS provider; the plan must create something. The providers are
 * installed once for every stack that requires the same ones. Ends with the table of the policy
 * checks synth ran on the stack (its `policy-report.json`).
 */
export async function validate(stack: ProjectStack, report: Reporter, runner: CommandRunner = processRunner): Promise<void> {
  const synthesized = readSynthesized(stack);
  checkOwnUpstreams(stack, findWorkspaceRoot(stack.project.dir));
  const machines = await checkStateMachines(stack, synthesized as TerraformJson);
  if (machines.definitions > 0) {
    report.step(
      `${stack.name}: ${machines.definitions} state machine definition(s) valid (asl-validator), ${machines.expressions} JSONata expressions compiled by jsonata 2.0.6` +
        (machines.scenarios > 0 ? `; ${machines.scenarios} run scenarios passed on them` : '') +
        ` (${(machines.milliseconds / 1000).toFixed(2)} s)`,
    );
  }
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
