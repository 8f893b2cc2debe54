/**
 * Every way the plugin refuses, as one catalogue: the generators refusing to write a pipeline folder, and
 * an nx command line that would not do what it says (an environment that does not exist, an option
 * Nx would take for itself). The generator leaves a bad name,
 * mode, schedule or size to standard-etl's own validation (StandardEtlError), so it accepts exactly
 * what `validate` will accept.
 */
export class GeneratorError extends Error {
  override readonly name = 'GeneratorError';
}

export const generatorErrors = {
  folderExists: (pipeline: string, folder: string) =>
    new GeneratorError(
      `pipeline "${pipeline}": ${folder} already exists, and the generator never overwrites a folder. ` +
        `Choose another name, or edit ${folder} by hand.`,
    ),
  ownerRequired: (pipeline: string, teams: readonly string[]) =>
    new GeneratorError(
      `pipeline "${pipeline}": owner is undefined; the workspace has ${teams.length} teams (${teams.join(', ')}), so say which owns it: ` +
        '--owner <team> (its alerts go to that team\'s destination).',
    ),
  unknownOwner: (pipeline: string, owner: string, teams: readonly string[]) =>
    new GeneratorError(
      `pipeline "${pipeline}": owner is "${owner}"; no team of that name in stacks/access/teams.ts (teams: ${teams.length > 0 ? teams.join(', ') : 'none'}). ` +
        'Pass one of them with --owner, or add the team there first.',
    ),
  noTeams: (pipeline: string, file: string) =>
    new GeneratorError(
      `pipeline "${pipeline}": owner is undefined and ${file} declares no team; every pipeline is owned by a team of that file. ` +
        'Add your team there (its name, owner and, if you like, where its alerts go), then run the generator again.',
    ),
  teamsUnreadable: (pipeline: string, file: string, why: string) =>
    new GeneratorError(`pipeline "${pipeline}": ${file} could not be read for its teams (${why}); fix it, then run the generator again.`),
  nameTaken: (pipeline: string, folder: string) =>
    new GeneratorError(
      `pipeline "${pipeline}": name is "${pipeline}", which ${folder} already uses, and Nx project names are unique across pipelines/ and stacks/. ` +
        'Choose another name.',
    ),
};

/** The Copilot workload kinds a pipeline can come from. */
export const COPILOT_WORKLOAD_TYPES = ['Scheduled Job', 'Backend Service', 'Worker Service'] as const;

/** Where a from-copilot message points: the manifest, and the field when there is one. */
function copilotSite(manifest: string, field?: string): string {
  return `from-copilot ${manifest}${field ? `: ${field}` : ''}`;
}

export const fromCopilotErrors = {
  manifestMissing: (manifest: string) =>
    new GeneratorError(`from-copilot: ${manifest} does not exist. Pass the path of a Copilot workload's manifest, e.g. copilot/<name>/manifest.yml.`),
  manifestUnreadable: (manifest: string, why: string) =>
    new GeneratorError(`${copilotSite(manifest)} is not a YAML mapping Copilot would read (${why}). Pass the workload's copilot/<name>/manifest.yml.`),
  unknownType: (manifest: string, type: unknown) =>
    new GeneratorError(
      `${copilotSite(manifest, 'type')} is ${JSON.stringify(type)}; a pipeline comes from a ${COPILOT_WORKLOAD_TYPES.join(', a ')}` +
        ' (web services and static sites take inbound traffic, which no pipeline here does). Import one of those kinds, or onboard by hand: npx nx g @data-platform/nx-plugin:pipeline <name>.',
    ),
  noName: (manifest: string) =>
    new GeneratorError(`${copilotSite(manifest, 'name')} is missing; it names the pipeline. Add it to the manifest, or pass --name <pipeline name>.`),
  schedule: (manifest: string, field: string, value: unknown, why: string) =>
    new GeneratorError(
      `${copilotSite(manifest, field)} is ${JSON.stringify(value)}, which cannot be translated to an EventBridge schedule: ${why}. ` +
        'Write it as rate(...) or cron(...) in the manifest, or pass --schedule "<rate(...) or cron(...)>".',
    ),
  scheduleNone: (manifest: string, field: string) =>
    new GeneratorError(
      `${copilotSite(manifest, field)} is "none": the job is disabled and runs only when started by hand. A job here always has a trigger ` +
        '(a schedule, its upstreams, or data landing), and `npx nx run <name>:run` starts one by hand besides. ' +
        'Pass --schedule "<rate(...) or cron(...)>" to give it one, or remove the job from the import.',
    ),
  platform: (manifest: string, field: string, value: unknown) =>
    new GeneratorError(
      `${copilotSite(manifest, field)} is ${JSON.stringify(value)}; pipelines run Linux tasks on Fargate, linux/x86_64 (or linux/amd64) or linux/arm64. ` +
        'Build a Linux image of the workload, then import it.',
    ),
  size: (manifest: string, field: string, cpu: unknown, memory: unknown, largest: string) =>
    new GeneratorError(
      `${copilotSite(manifest, field)} is ${JSON.stringify({ cpu, memory })}; Fargate offers up to ${largest}, and cpu and memory are positive whole numbers. ` +
        'Write a size Fargate offers in the manifest.',
    ),
  duration: (manifest: string, field: string, value: unknown, why: string) =>
    new GeneratorError(`${copilotSite(manifest, field)} is ${JSON.stringify(value)}; ${why}. Write a duration such as 45m or 1h30m.`),
  count: (manifest: string, field: string, value: unknown) =>
    new GeneratorError(`${copilotSite(manifest, field)} is ${JSON.stringify(value)}; expected a whole number of tasks, 0 or more. Fix it in the manifest.`),
  buildMissing: (manifest: string, field: string, path: string) =>
    new GeneratorError(
      `${copilotSite(manifest, field)} names ${path}, which does not exist. Paths of image.build are relative to the Copilot workspace ` +
        '(the folder holding copilot/); run the import from a checkout of the workload\'s repository.',
    ),
  scheduleOption: (schedule: string, why: string) =>
    new GeneratorError(`from-copilot: --schedule is ${JSON.stringify(schedule)}; ${why}. Pass rate(...) or cron(...) as EventBridge Scheduler reads them, e.g. "rate(1 day)".`),
};

/** An nx command the plugin refuses before any of its tasks runs. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

export const targetErrors = {
  unknownEnvironment: (commandLine: string, configuration: string, environments: readonly string[]) =>
    new TargetError(
      `${commandLine}: configuration ${JSON.stringify(configuration)} is not an environment; the environments are ` +
        `${environments.join(', ')} (packages/config/src/environments.ts): pass ${environments.map((e) => `-c ${e}`).join(' or ')}, ` +
        `or no -c for ${environments[0]}. Nothing was run.`,
    ),
  optionNxTakes: (commandLine: string, option: string, instead: string) =>
    new TargetError(
      `${commandLine}: ${option} after -- is an option of Nx's run-commands executor, which Nx takes for itself: the command would never see it. ` +
        `${instead[0]!.toUpperCase()}${instead.slice(1)}. Nothing was run.`,
    ),
};
