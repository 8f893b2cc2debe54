import { App } from 'cdktf';
import { PlatformError } from './errors';

/**
 * Builds the stacks of one app and synthesizes them. An input error (bad environment or pipeline
 * configuration) is printed as one message, without a stack trace, and nothing is written. The
 * build may return what to do once every stack is written (the folder's manifest).
 */
export function runApp(build: (app: App) => void | (() => void)): void {
  try {
    const app = new App();
    const afterSynth = build(app);
    app.synth();
    afterSynth?.();
  } catch (error) {
    if (error instanceof PlatformError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
