import { RecordingRunner, type RecordedCall } from './recording-runner';

/** Which interpreters a test machine has: those that import the tools, those that do not, and the absent. */
export type Interpreters = Record<string, 'has-pytest' | 'no-pytest' | 'missing'>;

/** A runner standing in for the machine's interpreters: which exist, which can import pytest and pyarrow, and pytest's exit code. */
export function interpreters(found: Interpreters, pytestExit = 0): RecordingRunner {
  return new RecordingRunner((call: RecordedCall) => {
    const state = found[call.command] ?? 'missing';
    if (state === 'missing') throw new Error(`${call.command} is not installed or not on PATH`);
    if (call.args[0] === '-c') {
      return state === 'has-pytest'
        ? { exitCode: 0 }
        : { exitCode: 1, stderr: "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nModuleNotFoundError: No module named 'pytest'\n" };
    }
    return { exitCode: pytestExit };
  });
}
