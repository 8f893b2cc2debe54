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
  nameTaken: (pipeline: string, folder: string) =>
    new GeneratorError(
      `pipeline "${pipeline}": name is "${pipeline}", which ${folder} already uses, and Nx project names are unique across pipelines/ and stacks/. ` +
        'Choose another name.',
    ),
};
