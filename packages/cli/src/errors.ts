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
  parallelRenamed: (value: string) =>
    new CommandError(
      `--parallel is now --concurrency (received --parallel ${JSON.stringify(value)}): Nx reads --parallel as its own option, ` +
        `so \`nx run <pipeline>:backfill -- --parallel N\` never reached backfill. Write --concurrency ${value}.`,
    ),

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
    new CommandError(`${file}: "app" is ${JSON.stringify(value)}; expected the command that synthesizes the stacks, e.g. "node -r @data-platform/core/register main.ts".`),
  upstreamsRefused: (stack: string, messages: readonly string[]) =>
    new CommandError(
      `${stack}: ${messages.length === 1 ? messages[0] : `\n${messages.map((m) => `  - ${m}`).join('\n')}`}\n` +
        'The rule of an unknown upstream would never fire; fix after in main.ts and synthesize again (npx nx run fleet:validate checks every pipeline).',
    ),
  upstreamNotSynthesized: (stack: string, folders: readonly string[]) =>
    new CommandError(
      `${stack}: its upstream folder(s) ${folders.join(', ')} have no manifest (cdktf.out/fleet-manifest.json), so its upstreams cannot be checked: ` +
        'synthesize them first (`npx nx run-many -t synth`; the Nx targets do it for you).',
    ),
  machinesRefused: (stack: string, problems: readonly string[]) =>
    new CommandError(
      `${stack}: its state machines do not hold up (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'These come from the platform (packages/standard-etl), not from main.ts: report them with this output.',
    ),
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
  intervalRequired: (stack: string, command: string, why: string) =>
    new CommandError(
      `${stack}: ${command} needs a data interval here (${why}): give it, e.g. \`-- --from 2026-11-01 --to 2026-11-02\` (ISO dates or UTC times, end exclusive).`,
    ),
  intervalHalf: (stack: string, missing: string, neitherMeans?: string) =>
    new CommandError(
      `${stack}: ${missing} is missing; give both --from and --to (ISO dates or UTC times, end exclusive)${neitherMeans ? `, or neither for ${neitherMeans}` : ''}.`,
    ),
  intervalTime: (stack: string, option: string, value: string) =>
    new CommandError(`${stack}: ${option} is ${JSON.stringify(value)}; expected an ISO date (2026-11-01) or time with its zone (2026-11-01T10:00Z).`),
  intervalOrder: (stack: string, from: string, to: string) =>
    new CommandError(`${stack}: --from ${from} is not before --to ${to}; the interval is [from, to), so from must be earlier.`),
  intervalSeconds: (stack: string, from: string, to: string) =>
    new CommandError(`${stack}: --from ${from} / --to ${to} has seconds; data intervals fall on whole minutes.`),
  badInterval: (stack: string, why: string) => new CommandError(`${stack}: ${why}`),
  scheduledOnly: (stack: string) =>
    new CommandError(`run starts one execution of a scheduled pipeline: ${stack} has no aws_sfn_state_machine (an always-on service runs by itself; see its logs instead).`),
  noImageVariable: (stack: string) =>
    new CommandError(
      `${stack} declares no Terraform variable "image", so its task definition cannot be pinned to the pushed image's digest. ` +
        'Pipeline stacks get it from standard-etl: synthesize again with the current packages/standard-etl.',
    ),
  notLiteral: (stack: string, address: string, field: string, value: unknown) =>
    new CommandError(`${stack}: ${address}.${field} is ${JSON.stringify(value)}; expected a plain string known at synth time.`),
  appWithoutEntrypoint: (stack: string, appDir: string) =>
    new CommandError(
      `${stack}: ${appDir} holds neither main.py nor a Dockerfile; a pipeline's image is built from its app/ folder, with the platform's ` +
        'standard Dockerfile (which runs `python main.py`) or the app\'s own app/Dockerfile. ' +
        '(A pipeline whose code lives in its own repository has no app/ folder at all: its image is built there and deployed through universal-deploy.)',
    ),
  runtimeMissing: (stack: string, runtimeDir: string) =>
    new CommandError(
      `${stack}: ${runtimeDir} is missing; every app image is built with the platform's Python runtime from that folder ` +
        '(the build context "runtime" and the standard Dockerfile). Run the command from a checkout of the platform repository.',
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

  // Protected environments (production-guard).
  protectedEnvironment: (stack: string, command: string, environment: string, sources: string, why: string) =>
    new CommandError(
      `${stack}: environment "${environment}" is protected: ${command} runs only in the deploy workflow on one of its deploy sources ` +
        `(${sources}), and ${why}. Nothing was touched.\n` +
        'Ship the change through a pull request: push a branch, open a pull request, get it reviewed and merged; the deploy workflow ' +
        `then deploys it to ${environment}. In an emergency a person may pass --break-glass "<reason>": it is announced on the alerts topic ` +
        'and recorded in CloudTrail.',
    ),

  breakGlassOptionNotTaken: (command: string, usage: string) =>
    new CommandError(`--break-glass is an option of deploy, destroy, rollback and backfill; ${command} does not take it (it changes nothing a guard protects).\n${usage}`),
  breakGlassReason: (stack: string, reason: string, min: number, max: number) =>
    new CommandError(
      `${stack}: --break-glass needs a reason of ${min} to ${max} characters saying why this cannot wait for a pull request, ` +
        `e.g. --break-glass "INC-1234: restore the orders pipeline, failing since 09:00"; received ${JSON.stringify(reason)}. Nothing was touched.`,
    ),
  breakGlassNotConfigured: (stack: string, environment: string) =>
    new CommandError(
      `${stack}: --break-glass is not set up for environment "${environment}": breakGlass.assumedBy is empty, so nobody may assume ` +
        `its break-glass role. Nothing was touched. To set it up, list the IAM roles of the people on call in breakGlass.assumedBy of "${environment}" ` +
        `in packages/config/src/environments.ts and ship that through a pull request: the shared stack then creates data-platform-break-glass-${environment}.`,
    ),
  breakGlassDenied: (stack: string, roleArn: string, callerArn: string, detail: string) =>
    new CommandError(
      `${stack}: the break-glass role ${roleArn} refused ${callerArn} (${detail}). Nothing was changed. ` +
        'Run it with credentials of a role listed in breakGlass.assumedBy of packages/config/src/environments.ts (e.g. its AWS_PROFILE), ' +
        'once the shared stack with that list is deployed.',
    ),
  alertsTopicUnknown: (stack: string, parameter: string, environment: string) =>
    new CommandError(
      `${stack}: the break-glass session cannot be announced: SSM parameter ${parameter} does not exist (is the shared stack of ${environment} deployed?). ` +
        'Nothing was changed: a break-glass change is always announced first.',
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

  // Python tests (test).
  noPythonTests: (project: string, dir: string) =>
    new CommandError(
      `${project}: ${dir} holds no pytest file (test_*.py or *_test.py), so there is nothing to test. ` +
        'Write the tests of the transform in app/tests/test_<module>.py; the test target exists only for a pipeline that has them.',
    ),
  noPython: (project: string, modules: readonly string[], what: string, variable: string | undefined, tried: readonly string[]) =>
    new CommandError(
      [
        `${project}: no Python interpreter can import ${modules.join(', ')}${variable ? ` (${variable} is set, so only it was tried)` : ''}; ${what} did not run:`,
        ...tried.map((line) => `  ${line}`),
        'Create the workspace\'s virtual environment, .venv, with the pinned tools: npx data-platform python-env (what .ci/run does; ' +
          'pip uses the local wheel mirror when it is configured with one). Or set PYTHON to an interpreter that has them.',
      ].join('\n'),
    ),
  venvFailed: (project: string, step: string, result: { readonly exitCode: number; readonly stderr: string; readonly stdout: string }) =>
    new CommandError(
      `${project}: ${step} failed (exit ${result.exitCode}):\n${`${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-15).join('\n')}`,
    ),
  venvIncomplete: (project: string, dir: string, modules: readonly string[], stderr: string) =>
    new CommandError(
      `${project}: ${dir} was installed, but Python cannot import all of ${modules.join(', ')}: ${stderr.trim().split('\n').pop() ?? ''}. ` +
        'Delete the folder and run the command again.',
    ),
  localQueryFailed: (stack: string, line: string) => new CommandError(`${stack}: ${line}`),
  noChecks: (stack: string, project: string) =>
    new CommandError(
      `${stack}: no dataset of ${project} declares checks, so there is nothing to check. Declare them beside the dataset in main.ts ` +
        '(datasets.<name>.checks: rowCount, notNull, unique, acceptedValues, sql, warnOnly), synthesize, and run check again.',
    ),
  checksFailed: (report: string) => new CommandError(report),
  querySqlMissing: (usage: string) =>
    new CommandError(`query needs one SQL statement, quoted: npx nx run <pipeline>:query -- "SELECT ..." (add --local-lake <dir> for a local lake).\n${usage}`),
  athenaQueryFailed: (stack: string, state: string, reason: string, id: string) =>
    new CommandError(`${stack}: the query ${state === 'CANCELLED' ? 'was cancelled' : 'failed'} (Athena query ${id}): ${reason.split('\n')[0]}`),
  noPythonCode: (project: string, dir: string) =>
    new CommandError(`${project}: ${dir} holds no Python file, so there is nothing to lint; the lint target exists only for a project that has some.`),
  lintFailed: (project: string, tools: readonly string[], dir: string) =>
    new CommandError(`${project}: ${tools.join(' and ')} found problems in ${dir}; their report is above. \`ruff check --fix\` mends what it can.`),
  pytestCollectedNothing: (project: string, dir: string) =>
    new CommandError(`${project}: pytest collected no test in ${dir} (exit 5); a suite that tests nothing does not pass. Name test functions test_<behaviour>.`),
  pytestFailed: (project: string, exitCode: number, dir: string) =>
    new CommandError(`${project}: the Python tests in ${dir} failed (pytest exit ${exitCode}); pytest's report is above.`),
  // Operating a pipeline: status, logs, rollback, run-local.
  optionNotForCommand: (option: string, command: string, allowed: string, usage: string) =>
    new CommandError(`--${option} is not an option of ${command}; it is one of ${allowed}.\n${usage}`),
  notAPipeline: (command: string, stack: string) =>
    new CommandError(`${command} is for pipeline stacks only: ${stack} has no aws_ecr_repository (run it in a folder under pipelines/).`),
  // The run ledger (status, backfill, fleet-status read it).
  ledgerMissing: (environment: string, table: string) =>
    new CommandError(
      `the run ledger of ${environment}, DynamoDB table ${table}, does not exist: the runs record themselves there. ` +
        `Deploy the shared stack first: \`npx nx run shared:deploy -c ${environment}\`.`,
    ),
  ledgerUnreadable: (what: string, table: string, detail: string) =>
    new CommandError(`${what}: the run ledger (${table}) could not be read: ${detail}. Run the command again; a throttled read is retried before it fails.`),
  ledgerBadItem: (table: string, pipeline: string, key: string, detail: string) =>
    new CommandError(`the run ledger (${table}) holds an item of pipeline ${pipeline} that is not a run record (${key}): ${detail}.`),
  badLimit: (stack: string, value: string) =>
    new CommandError(`${stack}: --limit is ${JSON.stringify(value)}; expected a whole number of runs from 1 to 100 (default 10).`),
  badSince: (stack: string, value: string) =>
    new CommandError(
      `${stack}: --since is ${JSON.stringify(value)}; expected a duration back from now, a whole number followed by s, m, h or d (30m, 1h, 2d), at most 30d.`,
    ),
  noLogGroup: (stack: string) =>
    new CommandError(`${stack}: the synthesized stack names no CloudWatch log group (aws_cloudwatch_log_group with a plain name); synthesize it again with the current standard-etl.`),
  runNotFound: (stack: string, run: string, stateMachine: string) =>
    new CommandError(
      `${stack}: --run is ${JSON.stringify(run)}, but state machine ${stateMachine} has no execution of that name or ARN. ` +
        'Pass an execution name that `status` lists (e.g. schedule-20261201T1000Z-20261201T1100Z) or its execution ARN.',
    ),
  runNeedsJob: (stack: string, run: string) =>
    new CommandError(`${stack}: --run ${JSON.stringify(run)} names a run, but ${stack} is an always-on service with no runs; use --since alone.`),
  badRollbackTarget: (stack: string, value: string, repositoryUri: string) =>
    new CommandError(
      `${stack}: --to is ${JSON.stringify(value)}; expected an image digest of this pipeline, sha256:<64 hex digits>, ` +
        `or ${repositoryUri}@sha256:<64 hex digits>. A tag is not accepted: a tag can be moved.`,
    ),
  nothingToRollBack: (stack: string, family: string, current: string, revisions: number) =>
    new CommandError(
      `${stack}: nothing to roll back to. Task definition family ${family} has ${revisions} active revision(s), and none names an image ` +
        `other than the one deployed now (${current}). Pass the image with --to <digest> if you know it.`,
    ),
  rollbackNotDeployed: (stack: string, family: string, project: string, environment: string) =>
    new CommandError(`${stack}: task definition family ${family} has no active revision: nothing is deployed, so there is nothing to roll back. Deploy it first: \`npx nx run ${project}:deploy -c ${environment}\`.`),
  rollbackToCurrent: (stack: string, image: string) =>
    new CommandError(`${stack}: --to ${image} is the image deployed now; nothing to do. Pass another digest.`),
  runLocalProtected: (stack: string, environment: string) =>
    new CommandError(
      `${stack}: run-local is refused for environment "${environment}": it is protected (production). A local run gets the task role's ` +
        'credentials, and a protected environment\'s task role trusts no one but ECS. Run it against dev: `-c dev`.',
    ),
  intervalForJobsOnly: (stack: string) =>
    new CommandError(`${stack}: --from/--to set a data interval, and ${stack} is an always-on service, which has none. Run it without them.`),
  unresolvedVariable: (stack: string, variable: string, value: string) =>
    new CommandError(
      `${stack}: environment variable ${variable} of the task definition is ${JSON.stringify(value)}, a Terraform reference run-local cannot resolve ` +
        '(only SSM parameters read with data.aws_ssm_parameter are). Synthesize again with the current standard-etl.',
    ),
  badSecretReference: (stack: string, variable: string, valueFrom: string) =>
    new CommandError(
      `${stack}: secret ${variable} comes from ${JSON.stringify(valueFrom)}; run-local reads an SSM parameter ARN ` +
        '(arn:aws:ssm:<region>:<account>:parameter/<name>) or a Secrets Manager ARN with a JSON key (arn:aws:secretsmanager:<region>:<account>:secret:<name>:<key>::).',
    ),
  secretUnreadable: (stack: string, variable: string, source: string, detail: string) =>
    new CommandError(
      `${stack}: secret ${variable} could not be read from ${source} with your credentials (${detail}). ` +
        'Create it (docs/pipelines.md, "Secrets", shows how), or use credentials allowed to read it. Nothing was run.',
    ),
  roleUnassumable: (stack: string, role: string, detail: string) =>
    new CommandError(
      `${stack}: could not assume the task role ${role} (${detail}). Its trust policy lets principals of this account assume it in ` +
        'non-protected environments once the stack is deployed with the current standard-etl, and your own policy must allow sts:AssumeRole on it. Nothing was run.',
    ),
  dockerRunFailed: (stack: string, exitCode: number) =>
    new CommandError(`${stack}: the local run exited ${exitCode} (the container's own exit code; its output is above).`),
  localProcessFailed: (stack: string, exitCode: number) =>
    new CommandError(`${stack}: the local run exited ${exitCode} (main.py's own exit code; its output is above).`),
  localSecretsMissing: (stack: string, names: readonly string[], file: string) =>
    new CommandError(
      `${stack}: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not set; with --local-lake, run-local reads no AWS, so each secret ` +
        `(and each value the task reads from SSM) comes from your environment (export ${names[0]}=...) or from ${file} ` +
        '(one NAME=value a line; git-ignored).',
    ),

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

/** How the cost estimate (`cost`, and the pull-request comment's cost column) can stop. */
export const costErrors = {
  unpricedRegion: (subject: string, region: string, priced: readonly string[]) =>
    new CommandError(
      `${subject}: region ${JSON.stringify(region)} has no price table; priced regions are ${priced.join(', ')}. ` +
        'Add a table for it in packages/cli/src/cost/prices.ts, read from the pages listed there, with the date read.',
    ),
  notAPipeline: (project: string, kind: string) =>
    new CommandError(`cost: ${project}'s manifest is of kind ${JSON.stringify(kind)}; cost estimates a pipeline (pipelines/<name>) or the shared stack (stacks/shared).`),
  noManifest: (project: string, file: string) =>
    new CommandError(`cost: ${project} has no manifest (${file} is missing): run \`npx nx run ${project}:synth\` first (the cost target does it for you).`),
  noEnvironmentEntry: (project: string, environment: string, known: readonly string[]) =>
    new CommandError(`cost: ${project}'s manifest has no entry for environment ${JSON.stringify(environment)}; it has ${known.join(', ')}. Synthesize it again.`),
};
