import type { CommandResult, CommandRunner } from '../process/command-runner';

/** A terraform command that failed, with what terraform said. */
export class TerraformError extends Error {
  override readonly name = 'TerraformError';
  constructor(
    readonly step: string,
    readonly stack: string,
    detail: string,
  ) {
    super(`${stack}: terraform ${step} failed:\n${detail.trim()}`);
  }
}

/** One diagnostic of `terraform validate -json` or a `terraform test -json` line. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.range ? ` (${diagnostic.range.filename}:${diagnostic.range.start.line})` : '';
  return `${diagnostic.severity}: ${diagnostic.summary}${where}${diagnostic.detail ? `\n  ${diagnostic.detail.replace(/\n/g, '\n  ')}` : ''}`;
}

/**
 * Terraform, run in one stack's synthesized folder (`cdktf.out/stacks/<stack>`). Every call goes
 * through the injected runner, with the environment from `terraformEnvironment` (offline mirror).
 */
export class Terraform {
  constructor(
    private readonly runner: CommandRunner,
    private readonly stack: string,
    private readonly dir: string,
    private readonly env: Readonly<Record<string, string>> = {},
  ) {}

  /** Runs one terraform command; a non-zero exit becomes a TerraformError unless `allowed`. */
  async run(step: string, args: readonly string[], allowed: readonly number[] = [0], stream = false): Promise<CommandResult> {
    const result = await this.runner.run('terraform', args, {
      cwd: this.dir,
      env: { TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...this.env },
      stream,
    });
    if (!allowed.includes(result.exitCode)) {
      throw new TerraformError(step, this.stack, explain(result));
    }
    return result;
  }

  /** `terraform init` without a backend: providers only, for validate and the offline test. */
  async initOffline(): Promise<void> {
    await this.run('init', ['init', '-backend=false', '-input=false', '-no-color']);
  }

  /**
   * `terraform init` with the stack's S3 backend (bucket, key and region are in the synthesized
   * backend block). `-reconfigure`: the folder may hold an earlier offline init without backend.
   */
  async initBackend(): Promise<void> {
    await this.run('init', ['init', '-input=false', '-no-color', '-reconfigure']);
  }

  /**
   * `terraform plan -out=<file> -detailed-exitcode`: whether the saved plan changes anything.
   * Every variable is passed with `-var`; `targets` and `destroy` narrow or invert the plan.
   */
  async plan(file: string, options: PlanOptions = {}): Promise<{ readonly changes: boolean }> {
    const args = ['plan', '-input=false', '-no-color', '-lock-timeout=5m', `-out=${file}`, '-detailed-exitcode'];
    if (options.destroy) args.push('-destroy');
    for (const [name, value] of Object.entries(options.vars ?? {})) args.push('-var', `${name}=${value}`);
    for (const target of options.targets ?? []) args.push(`-target=${target}`);
    const result = await this.run(options.destroy ? 'plan -destroy' : 'plan', args, [0, 2]);
    return { changes: result.exitCode === 2 };
  }

  /** `terraform show -json <plan file>`: the saved plan as JSON. */
  async showPlan(file: string): Promise<PlanJson> {
    return JSON.parse((await this.run('show', ['show', '-json', '-no-color', file])).stdout) as PlanJson;
  }

  /** `terraform show -json`: the current state as JSON (`values` is absent when the state is empty). */
  async showState(): Promise<StateJson> {
    return JSON.parse((await this.run('show (state)', ['show', '-json', '-no-color'])).stdout) as StateJson;
  }

  /** `terraform output -json`: the root module's outputs from the state, by name. */
  async outputs(): Promise<Readonly<Record<string, { readonly value: unknown }>>> {
    return JSON.parse((await this.run('output', ['output', '-json', '-no-color'])).stdout) as Record<string, { value: unknown }>;
  }

  /** `terraform apply` of a saved plan: applies exactly what was planned, output streamed. */
  async applyPlan(file: string): Promise<void> {
    await this.run('apply', ['apply', '-input=false', '-no-color', '-lock-timeout=5m', file], [0], true);
  }

  /** `terraform apply -target=...`: creates or updates only the given resources (and what they need). */
  async applyTargets(targets: readonly string[], vars: Readonly<Record<string, string>> = {}): Promise<void> {
    const args = ['apply', '-input=false', '-no-color', '-lock-timeout=5m', '-auto-approve'];
    for (const [name, value] of Object.entries(vars)) args.push('-var', `${name}=${value}`);
    for (const target of targets) args.push(`-target=${target}`);
    await this.run('apply -target', args, [0], true);
  }

  /** `terraform state list`: the address of every resource and data source in the state. */
  async stateList(): Promise<readonly string[]> {
    const result = await this.run('state list', ['state', 'list', '-no-color']);
    return result.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
  }

  /** `terraform validate` against the real provider schema; throws with every error found. */
  async validate(): Promise<readonly Diagnostic[]> {
    const result = await this.run('validate', ['validate', '-json', '-no-color'], [0, 1]);
    const report = JSON.parse(result.stdout) as { valid: boolean; diagnostics: Diagnostic[] };
    if (!report.valid) {
      throw new TerraformError('validate', this.stack, report.diagnostics.map(formatDiagnostic).join('\n'));
    }
    return report.diagnostics;
  }
}

export interface PlanOptions {
  /** `-var name=value` for each entry. */
  readonly vars?: Readonly<Record<string, string>>;
  /** `-target=<address>` for each entry. */
  readonly targets?: readonly string[];
  /** Plan the destruction of the resources instead (`-destroy`). */
  readonly destroy?: boolean;
}

/** One planned change, as in `terraform show -json`'s `resource_changes`. */
export interface PlannedChange {
  readonly address: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name?: string;
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly importing?: unknown;
  };
}

/** The parts of `terraform show -json <plan>` that are read here. */
export interface PlanJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly PlannedChange[];
  readonly output_changes?: Readonly<Record<string, { readonly actions: readonly string[] }>>;
  readonly errored?: boolean;
}

/** One resource in `terraform show -json`'s state `values`. */
export interface StateResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: Readonly<Record<string, unknown>>;
}

interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

/** The parts of `terraform show -json` (state) that are read here. */
export interface StateJson {
  readonly values?: {
    readonly outputs?: Readonly<Record<string, { readonly value: unknown }>>;
    readonly root_module?: StateModule;
  };
}

/** Every resource of a state, child modules included. */
export function stateResources(state: StateJson): readonly StateResource[] {
  const walk = (module: StateModule | undefined): StateResource[] =>
    module ? [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(walk)] : [];
  return walk(state.values?.root_module);
}

function explain(result: CommandResult): string {
  const text = `${result.stderr}\n${result.stdout}`.replace(/\u001b\[[0-9;]*m/g, '').trim();
  const lines = text.split('\n');
  return lines.length > 60 ? [...lines.slice(0, 60), `… (${lines.length - 60} more lines)`].join('\n') : text;
}
