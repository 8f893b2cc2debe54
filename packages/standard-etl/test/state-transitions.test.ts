import { happyPathTransitions, standardTransitionsPerRun } from '../src/state-transitions';
import { SCHEDULED, SERVICE, synthPipeline } from './pipeline-fixture';

describe('happyPathTransitions', () => {
  test('happyPathTransitions - one state per step of the happy path, Succeed included', () => {
    expect(happyPathTransitions({
      StartAt: 'Lock',
      States: {
        Lock: { Type: 'Task', Next: 'Run' },
        Run: { Type: 'Task', Next: 'Ok', Catch: [{ Next: 'Failed' }] },
        Ok: { Type: 'Succeed' },
        Failed: { Type: 'Fail' },
      },
    })).toBe(3);
  });

  test('happyPathTransitions - a Choice follows its Default, else its first rule; Parallel branches and a Map iterator count once', () => {
    expect(happyPathTransitions({
      StartAt: 'Pick',
      States: {
        Pick: { Type: 'Choice', Choices: [{ Next: 'Skip' }], Default: 'Both' },
        Skip: { Type: 'Succeed' },
        Both: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, { StartAt: 'B', States: { B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', End: true } } }],
          Next: 'Each',
        },
        Each: { Type: 'Map', ItemProcessor: { StartAt: 'D', States: { D: { Type: 'Task', End: true } } }, End: true },
      },
    })).toBe(1 + 1 + 3 + 1 + 1);
    expect(happyPathTransitions({ StartAt: 'Pick', States: { Pick: { Type: 'Choice', Choices: [{ Next: 'Done' }] }, Done: { Type: 'Succeed' } } })).toBe(2);
  });

  test('happyPathTransitions - a loop is walked once', () => {
    expect(happyPathTransitions({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } })).toBe(2);
  });
});

describe('standardTransitionsPerRun', () => {
  test('standardTransitionsPerRun - a scheduled pipeline: the states of its run machine', () => {
    // RecordStart, Prepare, TakeRunSlot, RunTask, FreeRunSlot, RecordSucceeded, Succeeded: the
    // Express trigger and run-ended machines are not standard machines.
    expect(standardTransitionsPerRun(synthPipeline(SCHEDULED).stack)).toBe(7);
  });

  test('standardTransitionsPerRun - a service has no state machine', () => {
    expect(standardTransitionsPerRun(synthPipeline(SERVICE).stack)).toBeUndefined();
  });
});
