import { spawn } from 'node:child_process';

export interface CommandOptions {
  /** Working directory. */
  readonly cwd: string;
  /** Extra environment variables, on top of this process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Echo the command's output to ours as it runs (for long steps a person watches). */
  readonly stream?: boolean;
  /**
   * Text written to the program's standard input, then closed: how a secret (a registry password)
   * reaches a program without appearing in its arguments or on disk.
   * @default - standard input is closed
   */
  readonly input?: string;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * How every external program (terraform, docker, git, the cdktf app) is started. Injected, so
 * tests can assert the sequence of calls and make any step fail.
 */
export interface CommandRunner {
  run(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult>;
}

/** Runs programs for real, without a shell. */
export const processRunner: CommandRunner = {
  run(command, args, options) {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      // A program that exits without reading its input closes the pipe: not an error of ours.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        stdout.push(chunk);
        if (options.stream) process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr.push(chunk);
        if (options.stream) process.stderr.write(chunk);
      });
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error(`${command} is not installed or not on PATH`) : error),
      );
      child.on('close', (code) =>
        resolve({
          exitCode: code ?? 1,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        }),
      );
    });
  },
};
