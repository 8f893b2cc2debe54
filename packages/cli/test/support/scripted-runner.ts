import type { CommandResult } from '../../src/process/command-runner';
import type { PlanJson, StateJson } from '../../src/terraform/terraform';
import { RecordingRunner, type RecordedCall } from './recording-runner';

/** The programs' steps a script can answer or fail. */
export type ScriptStep =
  | 'git rev-parse'
  | 'git status'
  | 'terraform init'
  | 'terraform plan'
  | 'terraform show plan'
  | 'terraform show state'
  | 'terraform output'
  | 'terraform apply plan'
  | 'terraform apply -target'
  | 'terraform state list'
  | 'docker build'
  | 'docker login'
  | 'docker push';

/** Which step a call is. */
export function stepOf(call: RecordedCall): ScriptStep | string {
  const [first = ''] = call.args;
  if (call.command === 'terraform') {
    if (first === 'show') return call.args.some((a) => a.endsWith('.tfplan')) ? 'terraform show plan' : 'terraform show state';
    if (first === 'apply') return call.args.some((a) => a.startsWith('-target=')) ? 'terraform apply -target' : 'terraform apply plan';
    if (first === 'state') return 'terraform state list';
  }
  return `${call.command} ${first}`;
}

export interface Script {
  readonly commit?: string;
  /** `git status --porcelain` output lines. */
  readonly changes?: readonly string[];
  /** Terraform's plan exit code: 2 changes, 0 none. */
  readonly planExit?: number;
  readonly plan?: PlanJson;
  readonly state?: StateJson;
  readonly outputs?: Record<string, { value: unknown }>;
  readonly stateList?: readonly string[];
  /** Steps that fail, with what the program prints on stderr. */
  readonly fail?: Partial<Record<ScriptStep, string>>;
  /** Called when `docker push` runs (the fake registry learns of the image), or `terraform apply -target`. */
  readonly onPush?: (reference: string) => void;
  readonly onTargetedApply?: (targets: readonly string[]) => void;
  /** Called when the saved plan is applied. */
  readonly onApply?: () => void;
}

export const COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** A RecordingRunner answering git, terraform and docker as they would for a working deploy, except what `fail` names. */
export function scriptedRunner(script: Script = {}): RecordingRunner {
  return new RecordingRunner((call) => {
    const step = stepOf(call) as ScriptStep;
    const failure = script.fail?.[step];
    if (failure !== undefined) return { exitCode: 1, stderr: failure };
    const ok = (stdout = ''): Partial<CommandResult> => ({ exitCode: 0, stdout });
    switch (step) {
      case 'git rev-parse':
        return ok(`${script.commit ?? COMMIT}\n`);
      case 'git status':
        return ok((script.changes ?? []).map((l) => `${l}\n`).join(''));
      case 'terraform plan':
        return { exitCode: script.planExit ?? 2 };
      case 'terraform show plan':
        return ok(JSON.stringify(script.plan ?? { format_version: '1.2', resource_changes: [] }));
      case 'terraform show state':
        return ok(JSON.stringify(script.state ?? { format_version: '1.0' }));
      case 'terraform output':
        return ok(JSON.stringify(script.outputs ?? {}));
      case 'terraform state list':
        return ok((script.stateList ?? []).map((l) => `${l}\n`).join(''));
      case 'terraform apply -target':
        script.onTargetedApply?.(call.args.filter((a) => a.startsWith('-target=')).map((a) => a.slice('-target='.length)));
        return ok();
      case 'terraform apply plan':
        script.onApply?.();
        return ok();
      case 'docker push':
        script.onPush?.(call.args[1]!);
        return ok(`${call.args[1]}: digest: sha256:${'a'.repeat(64)} size: 1234\n`);
      default:
        return ok();
    }
  });
}
