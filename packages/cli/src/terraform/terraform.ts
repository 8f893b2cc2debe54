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
  async run(step: string, args: readonly string[], allowed: readonly number[] = [0]): Promise<CommandResult> {
    const result = await this.runner.run('terraform', args, {
      cwd: this.dir,
      env: { TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...this.env },
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

function explain(result: CommandResult): string {
  const text = `${result.stderr}\n${result.stdout}`.replace(/\u001b\[[0-9;]*m/g, '').trim();
  const lines = text.split('\n');
  return lines.length > 60 ? [...lines.slice(0, 60), `… (${lines.length - 60} more lines)`].join('\n') : text;
}
