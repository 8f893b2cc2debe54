import { guardAccount } from '../aws/account-guard';
import { ensureStateBucket } from '../aws/state-bucket';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import { guardedLine } from './state-backend';
import type { CommandContext } from './command-context';

/**
 * Once per account, before the first plan: the Terraform state bucket, created when missing and
 * reconciled when it exists (versioned, encrypted, public access blocked, ownership enforced,
 * TLS only). Only for the shared stack, which is deployed first in every environment.
 */
export async function bootstrap(stack: ProjectStack, context: CommandContext): Promise<void> {
  const { report } = context;
  const { environment } = stack;
  if (stack.project.name !== 'shared') throw commandErrors.sharedOnly('bootstrap', stack.project.name);
  const aws = context.aws(environment.region);
  const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
  report.step(guardedLine(identity, stack));
  const outcome = await ensureStateBucket(aws.s3, { name: environment.stateBucket, region: environment.region, account: identity.account }, report);
  const what = outcome.created
    ? 'created'
    : outcome.changed.length
      ? `found; corrected ${outcome.changed.join(', ')}`
      : 'found, already as required; nothing changed';
  report.summary(
    `state bucket ${environment.stateBucket} (${environment.region}): ${what}. ` +
      `Next: \`npx nx run shared:plan -c ${environment.name}\`, then \`npx nx run shared:deploy -c ${environment.name}\`.`,
  );
}
