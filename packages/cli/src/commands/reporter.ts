export { CommandError } from '../errors';

/** Where commands say what they do: a line per step, and a summary at the end. */
export interface Reporter {
  step(message: string): void;
  summary(message: string): void;
}

export const consoleReporter: Reporter = {
  step: (message) => process.stdout.write(`• ${message}\n`),
  summary: (message) => process.stdout.write(`\n${message}\n`),
};
