/**
 * Every way the pipeline generator refuses to scaffold, as one catalogue. A bad name, mode,
 * schedule or size is refused by standard-etl's own validation (StandardEtlError), so the generator
 * accepts exactly what `validate` will accept.
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
