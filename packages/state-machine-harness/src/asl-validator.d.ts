// asl-validator 4.0.0 ships no type declarations: its CommonJS export, as its README documents it.
declare module 'asl-validator' {
  interface AslValidatorResult {
    readonly isValid: boolean;
    readonly errors: ReadonlyArray<{ readonly 'Error code': string; readonly Message: string }>;
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: unknown, options?: { readonly checkPaths?: boolean; readonly checkArn?: boolean }): AslValidatorResult;
  export = aslValidator;
}
