/**
 * Every way the plugin refuses, as one catalogue: the pipeline generator refusing to scaffold, and
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
  nameTaken: (pipeline: string, folder: string) =>
    new GeneratorError(
      `pipeline "${pipeline}": name is "${pipeline}", which ${folder} already uses, and Nx project names are unique across pipelines/ and stacks/. ` +
        'Choose another name.',
    ),
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
