import { existsSync } from 'node:fs';
import type { CommandOptions, CommandResult, CommandRunner } from '../../src/process/command-runner';

/** One call the code under test made. */
export interface RecordedCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly input?: string;
  /** Whether the program's output is echoed as it runs. */
  readonly stream: boolean;
  /** Whether `env.DOCKER_CONFIG` (if any) existed while the call ran. */
  readonly dockerConfigExisted?: boolean;
}

/** Answers one call: a partial result (exit 0 and empty output by default), or a thrown error. */
export type Responder = (call: RecordedCall) => Partial<CommandResult> | undefined | Promise<Partial<CommandResult> | undefined>;

/** A CommandRunner that records every call and answers from a script: no process is started. */
export class RecordingRunner implements CommandRunner {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly respond: Responder) {}

  async run(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
    const call: RecordedCall = {
      command,
      args: [...args],
      cwd: options.cwd,
      env: { ...options.env },
      stream: options.stream ?? false,
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.env?.DOCKER_CONFIG ? { dockerConfigExisted: existsSync(options.env.DOCKER_CONFIG) } : {}),
    };
    this.calls.push(call);
    return { exitCode: 0, stdout: '', stderr: '', ...(await this.respond(call)) };
  }

  /** Each call as one line: `terraform plan -input=false ...`. */
  lines(): string[] {
    return this.calls.map((c) => [c.command, ...c.args].join(' '));
  }

  /** The calls as `<command> <first argument>`, e.g. `terraform init`, `docker push`: the sequence at a glance. */
  steps(): string[] {
    return this.calls.map((c) => `${c.command} ${c.args[0] ?? ''}`.trim());
  }
}
