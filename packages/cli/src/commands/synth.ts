import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { processRunner, type CommandRunner } from '../process/command-runner';
import type { StackProject } from '../stack-project';
import { CommandError, type Reporter } from './reporter';

/**
 * Runs the project's cdktf app (`cdktf.json`'s `app`), which writes `cdktf.out/stacks/<stack>`.
 * Says what it wrote, not how long it took: Nx replays this line from its cache.
 */
export async function synth(project: StackProject, report: Reporter, runner: CommandRunner = processRunner): Promise<void> {
  const result = await runner.run('sh', ['-c', project.app], { cwd: project.dir });
  if (result.exitCode !== 0) {
    // The app prints input errors as one line; pass them on as they are.
    throw new CommandError(`${project.name}: synth failed\n${(result.stderr || result.stdout).trim()}`);
  }
  const stacksDir = join(project.dir, 'cdktf.out', 'stacks');
  const stacks = existsSync(stacksDir) ? readdirSync(stacksDir).sort() : [];
  report.step(`synth ${project.name}: ${stacks.length ? stacks.join(', ') : 'no stack'} in cdktf.out/stacks`);
}
