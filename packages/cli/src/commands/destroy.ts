import { guardAccount } from '../aws/account-guard';
import { deleteAllImages } from '../aws/ecr-registry';
import { CommandError, commandErrors } from '../errors';
import { deployedImage, expectedRepositoryUri, PLACEHOLDER_DIGEST } from '../image/pipeline-image';
import { summarizePlan } from '../plan/plan-summary';
import type { ProjectStack } from '../stack-project';
import { protectedResources, readStackFacts } from '../stack/stack-facts';
import { Terraform } from '../terraform/terraform';
import { guardedLine, initStateBackend } from './state-backend';
import type { CommandContext } from './command-context';
import { guardProtectedEnvironment } from './production-guard';
import { StepSequence } from './step-sequence';

export interface DestroyOptions {
  /** The stack name typed back (`--confirm <stack>`); required for prod. */
  readonly confirm?: string;
  /** `--allow-prod`: without it a prod stack is never destroyed. */
  readonly allowProd?: boolean;
  /**
   * `--break-glass "<reason>"`: destroy in a protected environment from outside the deploy
   * workflow, announced and recorded (see production-guard).
   * @default - a protected environment is changed only by the deploy workflow
   */
  readonly breakGlass?: string;
}

/** Whether an environment holds production: `prod`, or a name that starts with it (`prod2`, `production`). */
export function isProduction(environment: string): boolean {
  return environment.startsWith('prod');
}

const resources = (n: number) => `${n} resource${n === 1 ? '' : 's'}`;

/** `aws_x.y[0]` and `aws_x.y["k"]` are instances of `aws_x.y`. */
function resourceOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/**
 * Destroys one stack, with three locks: prod needs `--allow-prod` and the stack name typed back;
 * the account guard runs first; and the data lake (its bucket, the bucket's settings, its KMS key)
 * and anything with `prevent_destroy` is never destroyed: when the stack holds any, every other
 * resource is targeted instead, and the destroy plan is checked to touch none of them before it is
 * applied. The state bucket is not managed by Terraform at all (bootstrap made it), so it stays too.
 */
export async function destroy(stack: ProjectStack, given: CommandContext, options: DestroyOptions = {}): Promise<void> {
  const { report, runner } = given;
  const { environment } = stack;
  if (options.confirm !== undefined && options.confirm !== stack.name) throw commandErrors.confirmMismatch(stack.name, options.confirm);
  if (isProduction(environment.name) && !(options.allowProd && options.confirm === stack.name)) {
    throw commandErrors.prodDestroyNeedsFlags(stack.name);
  }
  const facts = readStackFacts(stack);
  const kept = protectedResources(stack, facts);
  const keptAddresses = new Set(kept.map((r) => r.address));
  // A protected environment: only the deploy workflow, or a person breaking the glass. Before any AWS call.
  const context = await guardProtectedEnvironment(stack, given, { command: 'destroy', breakGlass: options.breakGlass });

  const steps = new StepSequence(
    `destroy ${stack.name}`,
    ['account guard', 'terraform init', 'destroy plan', ...(facts.pipeline ? ['ECR images'] : []), 'terraform apply (destroy)'],
    report,
    'Fix the cause, then run destroy again: what is already gone is not planned again.',
  );
  const aws = context.aws(environment.region);
  const terraform = new Terraform(runner, stack.name, stack.dir, context.terraformEnv);
  const identity = await steps.run(
    'account guard',
    () => guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId }),
    (id) => guardedLine(id, stack),
  );
  await steps.run('terraform init', () => initStateBackend(aws, terraform, stack, facts.state, identity), (line) => line);

  const file = `${stack.name}.destroy.tfplan`;
  const planned = await steps.run(
    'destroy plan',
    async () => {
      const vars: Record<string, string> = {};
      if (facts.pipeline?.takesImage) {
        // The variable is required; a destroy does not use its value.
        vars.image =
          deployedImage(await terraform.showState()) ??
          `${expectedRepositoryUri(environment, facts.pipeline.repository.name)}@${PLACEHOLDER_DIGEST}`;
      }
      let targets: string[] = [];
      if (kept.length > 0) {
        targets = [...new Set((await terraform.stateList()).filter((a) => !a.startsWith('data.') && !keptAddresses.has(resourceOf(a))).map(resourceOf))];
        if (targets.length === 0) return { changes: false, destroyed: [] as string[] };
      }
      const { changes } = await terraform.plan(file, { vars, targets, destroy: true });
      const summary = summarizePlan(await terraform.showPlan(file), { stack: stack.name, project: stack.project.name, environment: environment.name });
      const touched = [...summary.resources.destroy, ...summary.resources.replace].map((r) => r.address);
      const forbidden = touched.filter((a) => keptAddresses.has(resourceOf(a)));
      if (forbidden.length > 0) {
        throw new CommandError(
          `the destroy plan would remove protected resources: ${forbidden.join(', ')} (something else depends on them). ` +
            'Nothing was destroyed; remove the dependency in code, deploy, then destroy again.',
        );
      }
      return { changes, destroyed: touched };
    },
    (p) => `destroy plan: ${p.destroyed.length} to destroy${kept.length ? `, ${kept.length} protected resources kept out of it` : ''}`,
  );

  const repository = facts.pipeline?.repository;
  if (repository && planned.destroyed.includes(repository.address)) {
    // Terraform cannot delete a repository that holds images; they are rebuilt from git on the next deploy.
    await steps.run('ECR images', () => deleteAllImages(aws.ecr, repository.name), (n) => `ECR images: deleted ${n} from ${repository.name}, so that the repository can go`);
  } else if (repository) {
    steps.skip('ECR images', 'the repository is not destroyed');
  }

  if (planned.changes) {
    await steps.run('terraform apply (destroy)', () => terraform.applyPlan(file), () => `terraform apply (destroy): ${resources(planned.destroyed.length)} destroyed`);
  } else {
    steps.skip('terraform apply (destroy)', 'nothing to destroy');
  }

  const keptText = kept.length
    ? ` Kept on purpose: ${kept.map((r) => r.address).join(', ')} (the data lake is never destroyed; remove it by hand if you really mean to).`
    : '';
  report.summary(
    `${stack.name}: ${planned.changes ? `destroyed ${resources(planned.destroyed.length)}` : 'nothing to destroy'}.${keptText} ` +
      `The state bucket ${facts.state.bucket} is not managed by Terraform and stays.`,
  );
}
