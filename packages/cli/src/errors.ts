/**
 * Every way a command can stop, as one catalogue. Each message says what is wrong, the value
 * received, what was expected, and what to do; `main` prints it alone, without a stack trace.
 */

/** An error whose message is all a person needs: printed without a stack trace. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

const CREDENTIAL_HELP = [
  'Get credentials for the account, then run the command again:',
  '  - a named profile: export AWS_PROFILE=<profile> (see `aws configure list-profiles`);',
  '  - IAM Identity Center: aws sso login --profile <profile>, then export AWS_PROFILE=<profile>;',
  '  - in GitHub Actions: aws-actions/configure-aws-credentials with role-to-assume (OIDC, needs `permissions: id-token: write`).',
].join('\n');

export const commandErrors = {
  unknownCommand: (command: string, usage: string) =>
    new CommandError(`unknown command ${JSON.stringify(command)}.\n${usage}`),
  badArguments: (detail: string, usage: string) => new CommandError(`${detail}\n${usage}`),

  // The account guard.
  noCredentials: (stack: string, detail: string) =>
    new CommandError(`${stack}: no AWS credentials found (${detail}).\n${CREDENTIAL_HELP}`),
  expiredCredentials: (stack: string, detail: string) =>
    new CommandError(`${stack}: the AWS credentials are expired or invalid (${detail}).\n${CREDENTIAL_HELP}`),
  wrongAccount: (stack: string, environment: string, expected: string, actual: string, arn: string) =>
    new CommandError(
      `${stack}: the credentials are for AWS account ${actual} (${arn}), but environment "${environment}" is account ${expected}. ` +
        `Nothing was touched. Switch to credentials for ${expected} (another AWS_PROFILE, or the role of that account), ` +
        `or fix accountId in packages/config/src/environments.ts if it is wrong.`,
    ),

  // The stack folder.
  noCdktfJson: (dir: string) =>
    new CommandError(`${dir} holds no cdktf.json: run this inside a stack or pipeline folder (or pass --dir <folder>).`),
  badCdktfApp: (file: string, value: unknown) =>
    new CommandError(`${file}: "app" is ${JSON.stringify(value)}; expected the command that synthesizes the stacks, e.g. "node --import tsx main.ts".`),
  notSynthesized: (stack: string, file: string, project: string) =>
    new CommandError(`${stack} is not synthesized (${file} is missing): run \`npx nx run ${project}:synth\` first.`),
  accessOnly: (command: string, project: string) =>
    new CommandError(`${command} is for the access stack only (stacks/access); ${project} is not it. Run it as \`npx nx run access:report -c <env>\`.`),
  noAccessManifest: (file: string, environment: string) =>
    new CommandError(`${file} holds no access grants for environment "${environment}": run \`npx nx run access:synth\` first.`),

  // Which command fits which stack.
  sharedOnly: (command: string, project: string) =>
    new CommandError(`${command} is for the shared stack only (stacks/shared); ${project} is not it. Run it as \`npx nx run shared:${command} -c <env>\`.`),
  pipelineOnly: (command: string, stack: string) =>
    new CommandError(`${command} is for pipeline stacks only: ${stack} has no aws_ecr_repository, so it has no image to build.`),
  scheduledOnly: (stack: string) =>
    new CommandError(`run starts one execution of a scheduled pipeline: ${stack} has no aws_sfn_state_machine (an always-on service runs by itself; see its logs instead).`),
  noImageVariable: (stack: string) =>
    new CommandError(
      `${stack} declares no Terraform variable "image", so its task definition cannot be pinned to the pushed image's digest. ` +
        'Pipeline stacks get it from standard-etl: synthesize again with the current packages/standard-etl.',
    ),
  notLiteral: (stack: string, address: string, field: string, value: unknown) =>
    new CommandError(`${stack}: ${address}.${field} is ${JSON.stringify(value)}; expected a plain string known at synth time.`),
  missingDockerfile: (stack: string, file: string) =>
    new CommandError(
      `${stack}: ${file} is missing; a pipeline's image is built from its app/ folder, which must hold a Dockerfile. ` +
        '(A pipeline whose code lives in its own repository has no app/ folder at all: its image is built there and deployed through universal-deploy.)',
    ),
  imageBuiltElsewhere: (stack: string, appDir: string) =>
    new CommandError(
      `${stack}: ${appDir} does not exist, so there is no image to build here: this pipeline's code lives in its own repository, ` +
        'whose workflow builds the image and deploys it through universal-deploy.yml. Build it there.',
    ),

  // Deploying a given image (deploy --image).
  imageOptionForDeployOnly: (command: string, usage: string) =>
    new CommandError(`--image is an option of deploy only; ${command} does not take it.\n${usage}`),
  imageNeedsPipeline: (stack: string, image: string) =>
    new CommandError(
      `--image is for pipeline stacks only: ${stack} has no aws_ecr_repository, so it runs no image of its own ` +
        `(received --image ${JSON.stringify(image)}). Deploy it without --image.`,
    ),
  badImageReference: (stack: string, image: string, repositoryUri: string) =>
    new CommandError(
      `${stack}: --image is ${JSON.stringify(image)}; expected an image of this pipeline pinned by digest, ` +
        `${repositoryUri}@sha256:<64 hex digits> (the digest docker push or docker/build-push-action prints). ` +
        'A tag is not accepted: the task definition is pinned by digest, and a tag can be moved.',
    ),
  imageFromOtherRepository: (stack: string, image: string, repositoryUri: string) =>
    new CommandError(
      `${stack}: --image ${image} is not in this pipeline's ECR repository ${repositoryUri}; only an image pushed there can be ` +
        `deployed to ${stack}. Push the image to ${repositoryUri} and pass ${repositoryUri}@sha256:<digest>.`,
    ),
  imageRepositoryMissing: (stack: string, repository: string, project: string, environment: string) =>
    new CommandError(
      `${stack}: ECR repository ${repository} does not exist, so no image can have been pushed to it. Deploy once without --image ` +
        `(\`npx nx run ${project}:deploy -c ${environment}\`), which creates the repository; then push the image and deploy it with --image.`,
    ),
  imageNotPushed: (stack: string, image: string, repository: string) =>
    new CommandError(
      `${stack}: ECR repository ${repository} has no image with digest ${image.slice(image.indexOf('@') + 1)} (--image ${image}). ` +
        'Push the image first, then deploy it with the digest the push printed.',
    ),

  // Git.
  notGitRepository: (dir: string, detail: string) =>
    new CommandError(`${dir} is not inside a git work tree (${detail.trim()}); images are tagged with the git commit, so deploy from a clone.`),
  dirtyWorkTree: (stack: string, files: readonly string[]) =>
    new CommandError(
      `${stack}: refusing to deploy to prod from a work tree with uncommitted changes; prod images must be a commit. ` +
        `Commit or stash these, then deploy again:\n${files.map((f) => `  ${f}`).join('\n')}`,
    ),

  // Destroy.
  prodDestroyNeedsFlags: (stack: string) =>
    new CommandError(
      `${stack} is a prod stack: destroy refuses it unless you pass both --allow-prod and --confirm ${stack} ` +
        `(the stack name typed back). Nothing was touched.`,
    ),
  confirmMismatch: (stack: string, typed: string) =>
    new CommandError(`--confirm is ${JSON.stringify(typed)}, but the stack is ${stack}: type its name exactly to destroy it. Nothing was touched.`),

  // State bucket and plan.
  stateBucketMissing: (stack: string, bucket: string, environment: string) =>
    new CommandError(
      `${stack}: the state bucket ${bucket} does not exist. Create it once per account with \`npx nx run shared:bootstrap -c ${environment}\`, then run this again.`,
    ),
  stateBucketForbidden: (bucket: string, account: string) =>
    new CommandError(
      `the state bucket ${bucket} exists but account ${account} may not use it (403): the name is taken by another account, ` +
        'or your role lacks s3:ListBucket on it. Set stateBucket for this environment in packages/config/src/environments.ts, or fix the role.',
    ),
  stateBucketElsewhere: (bucket: string, actual: string, expected: string) =>
    new CommandError(`the state bucket ${bucket} is in ${actual}, but the environment's region is ${expected}; state must live in the environment's region. Use another stateBucket name.`),
  noImageForPlan: (stack: string, commit: string, repository: string) =>
    new CommandError(
      `${stack}: cannot tell which image to plan with. Commit ${commit} has no image in ECR repository ${repository}, ` +
        'and the state holds resources but no deployed task definition image. Run deploy, which builds and pushes the image of this commit, ' +
        'or push the commit so CI builds it.',
    ),

  // Service rollout.
  rolledBack: (stack: string, service: string, expected: string, current: string, reason: string) =>
    new CommandError(
      `${stack}: terraform apply succeeded, but the ECS deployment of ${expected} FAILED and the circuit breaker rolled ` +
        `service ${service} back to ${current}. The new image does not run: ${reason}\n` +
        'Read the stopped tasks\' reason and the container logs, fix the image, and deploy again.',
    ),
  rolloutFailed: (stack: string, service: string, taskDefinition: string, reason: string) =>
    new CommandError(`${stack}: the ECS deployment of ${taskDefinition} to service ${service} FAILED: ${reason}`),
  rolloutTimeout: (stack: string, service: string, minutes: number, state: string) =>
    new CommandError(
      `${stack}: service ${service} did not finish its rollout within ${minutes} minutes (last seen: ${state}). ` +
        'Terraform applied; ECS may still complete or roll back. Check the service events, then deploy again (it is idempotent).',
    ),
  serviceMissing: (stack: string, service: string, cluster: string, reason: string) =>
    new CommandError(`${stack}: ECS service ${service} was not found in cluster ${cluster} after apply (${reason}).`),
  notDeployed: (stack: string, what: string, project: string, environment: string) =>
    new CommandError(`${stack}: ${what} is not deployed yet. Deploy it first: \`npx nx run ${project}:deploy -c ${environment}\`.`),

  // Scheduled run.
  executionEnded: (stack: string, status: string, error: string, cause: string, logs: string) =>
    new CommandError(`${stack}: the execution ended ${status}${error ? `: ${error}` : ''}${cause ? `\ncause: ${cause}` : ''}\n${logs}`),

  // A step of a longer sequence failed: say what was done and what was not.
  stepFailed: (what: string, step: string, reason: string, done: readonly string[], notDone: readonly string[], after: string) =>
    new CommandError(
      [
        `${what} failed at "${step}":`,
        reason.trim(),
        '',
        done.length ? ['done:', ...done.map((d) => `  - ${d}`)].join('\n') : 'done: nothing',
        `not done: ${notDone.length ? notDone.join('; ') : 'nothing'}`,
        after,
      ].join('\n'),
    ),
};
