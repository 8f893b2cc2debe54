import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultAwsClients, type AwsClientFactory } from '../aws/aws-clients';
import { realPolling, type Polling } from '../aws/polling';
import { processRunner, type CommandRunner } from '../process/command-runner';
import { terraformEnvironment } from '../terraform/plugin-mirror';
import { consoleReporter, type Reporter } from './reporter';

/** What the delivery commands work with; each part injected so tests can replace it. */
export interface CommandContext {
  readonly report: Reporter;
  /** Starts terraform, docker and git. */
  readonly runner: CommandRunner;
  /** Makes the AWS SDK clients of a region. */
  readonly aws: AwsClientFactory;
  readonly polling: Polling;
  /** The Nx workspace root: plans are written to its `dist/plans/`. */
  readonly workspaceRoot: string;
  /** Extra environment for terraform (the offline provider mirror, when set). */
  readonly terraformEnv: Readonly<Record<string, string>>;
  /**
   * The process environment the commands read for their GitHub Actions context (GITHUB_*).
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Set once the production guard let a break-glass session through, with its reason: a command run
   * inside that one (rollback deploys) is not asked to break the glass a second time.
   * @default - not broken
   */
  readonly brokenGlass?: { readonly reason: string };
}

/** The folder holding `nx.json`, found upward from `dir`; `dir` itself when there is none. */
export function findWorkspaceRoot(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'nx.json'))) return current;
    if (dirname(current) === current) return dir;
  }
}

/** The real context: processes, AWS, the console. */
export function defaultContext(projectDir: string): CommandContext {
  return {
    report: consoleReporter,
    runner: processRunner,
    aws: defaultAwsClients,
    polling: realPolling,
    workspaceRoot: findWorkspaceRoot(projectDir),
    terraformEnv: terraformEnvironment(),
  };
}

/** Where `plan` writes `<stack>.json` and `<stack>.md`, for the pull-request workflow to collect. */
export function plansDir(context: CommandContext): string {
  return join(context.workspaceRoot, 'dist', 'plans');
}
