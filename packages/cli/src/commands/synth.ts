import { processRunner, type CommandRunner } from '../process/command-runner';
import type { StackProject } from '../stack-project';
import { CommandError, type Reporter } from './reporter';

/** Runs the project's cdktf app (`cdktf.json`'s `app`), which writes `cdktf.out/stacks/<stack>`. */
export async function synth(project: StackProject, report: Reporter, runner: CommandRunner = processRunner): Promise<void> {
  const started = Date.now();
  const result = await runner.run('sh', ['-c', project.app], { cwd: project.dir });
  if (result.exitCode !== 0) {
    // The app prints input errors as one line; pass them on as they are.
    throw new CommandError(`${project.name}: synth failed\n${(result.stderr || result.stdout).trim()}`);
  }
  report.step(`synth ${project.name}: cdktf.out written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
