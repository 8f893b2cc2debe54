import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandRunner } from '../process/command-runner';

/** An index URL of pip's configuration that is a folder on this machine. */
function localFolder(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  try {
    const path = fileURLToPath(url);
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The local wheel mirrors pip is configured with, in its order: every `index-url` and
 * `extra-index-url` of `pip config list` (files and PIP_* variables alike) that is a `file:` folder
 * that exists here.
 */
export function localMirrors(pipConfigList: string): string[] {
  const urls: string[] = [];
  for (const line of pipConfigList.split('\n')) {
    const match = /^[^=]*\b(?:extra-)?index-url='?(.*?)'?\s*$/.exec(line.trim());
    if (match) urls.push(...match[1]!.split(/\s+/).filter(Boolean));
  }
  return [...new Set(urls.filter(localFolder))];
}

/**
 * What `pip install` is given so that it installs from the local wheel mirror alone when pip is
 * configured with one (with the public index out of reach, pip first waits minutes for its
 * time-outs), and from pip's own configuration (PyPI) otherwise: the same choice `.ci/run` makes for
 * Terraform's provider mirror. The mirror is reported as `mirrors`.
 */
export async function pipIndex(runner: CommandRunner, python: string, cwd: string): Promise<{ readonly args: string[]; readonly mirrors: string[] }> {
  let listed = '';
  try {
    const result = await runner.run(python, ['-m', 'pip', 'config', 'list'], { cwd });
    if (result.exitCode === 0) listed = result.stdout;
  } catch {
    // No pip to ask: its own defaults apply.
  }
  const mirrors = localMirrors(listed);
  if (mirrors.length === 0) return { args: [], mirrors };
  return { args: ['--index-url', mirrors[0]!, ...mirrors.slice(1).flatMap((url) => ['--extra-index-url', url])], mirrors };
}
