import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// asl-validator ships CommonJS with `export =`: a default import needs esModuleInterop, a require does not.
import aslValidator = require('asl-validator');
import { compile, definitionExpressions } from './jsonata-evaluator';

/** What the outside checks say of one definition. */
export interface DefinitionCheck {
  readonly machine: string;
  /** asl-validator's errors (none when valid). */
  readonly aslErrors: readonly string[];
  /** Every `{% %}` expression, compiled by jsonata 2.0.6: those that do not compile, with the parser's message. */
  readonly expressionErrors: readonly string[];
  readonly expressions: number;
}

/**
 * Checks a definition with the third-party `asl-validator` (the Amazon States Language's JSON
 * schema, JSONata fields included) and compiles each JSONata expression with jsonata 2.0.6, the
 * version Step Functions runs: what 2.0.6 cannot parse (operators added in 2.1, such as `??`)
 * fails here, before a deploy.
 */
export function checkDefinition(machine: string, definition: unknown, options: { readonly cacheDir?: string } = {}): DefinitionCheck {
  const aslErrors = aslValidatorErrors(definition, options.cacheDir);
  const expressions = definitionExpressions(definition);
  const expressionErrors: string[] = [];
  for (const { path, expression } of expressions) {
    if (/[\r\n]/.test(expression)) expressionErrors.push(`${path}: spans several lines; Step Functions definitions keep each expression on one line`);
    try {
      compile(expression);
    } catch (error) {
      expressionErrors.push(`${path}: ${(error as Error).message}`);
    }
  }
  return { machine, aslErrors, expressionErrors, expressions: expressions.length };
}

const VALIDATOR_VERSION = (require('asl-validator/package.json') as { version: string }).version;

/**
 * asl-validator's errors for a definition. It builds its JSON schema validator anew on each call
 * (half a second to a second here); with `cacheDir`, a verdict is kept by the definition's content
 * and the validator's version, so an unchanged definition is not validated twice.
 */
function aslValidatorErrors(definition: unknown, cacheDir: string | undefined): string[] {
  const file = cacheDir && join(cacheDir, `${createHash('sha256').update(`${VALIDATOR_VERSION}\n${JSON.stringify(definition)}`).digest('hex')}.json`);
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as string[];
  // asl-validator writes a QueryLanguage into every state of what it is given: give it a copy.
  const result = aslValidator(structuredClone(definition));
  const errors = result.isValid ? [] : result.errorsText('\n').split('\n').filter((line) => line.trim() !== '');
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    // Written whole, then renamed: a parallel validate never reads half a file.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(errors));
    renameSync(`${file}.${process.pid}`, file);
  }
  return errors;
}
