import { nameOverLimit, PIPELINE_NAME, pipelineNames } from '../src/pipeline-names';

describe('pipelineNames', () => {
  test('pipelineNames - every AWS name is dp-<name>-<env>[-suffix]; the lake prefix and parameter path use the bare name', () => {
    expect(pipelineNames('ticketing-api', 'prod')).toEqual({
      base: 'dp-ticketing-api-prod',
      repository: 'dp-ticketing-api-prod',
      taskFamily: 'dp-ticketing-api-prod',
      service: 'dp-ticketing-api-prod',
      stateMachine: 'dp-ticketing-api-prod',
      schedule: 'dp-ticketing-api-prod',
      logGroup: '/data-platform/prod/pipelines/ticketing-api',
      executionRole: 'dp-ticketing-api-prod-execution',
      taskRole: 'dp-ticketing-api-prod-task',
      stateMachineRole: 'dp-ticketing-api-prod-states',
      schedulerRole: 'dp-ticketing-api-prod-scheduler',
      taskFailedRule: 'dp-ticketing-api-prod-task-failed',
      deploymentFailedRule: 'dp-ticketing-api-prod-deploy-failed',
      egressSecurityGroup: 'dp-ticketing-api-prod-egress',
      runFailedRule: 'dp-ticketing-api-prod-run-failed',
      missedRunAlarm: 'dp-ticketing-api-prod-missed-run',
      triggerStateMachine: 'dp-ticketing-api-prod-trigger',
      triggerRole: 'dp-ticketing-api-prod-trigger',
      eventsRole: 'dp-ticketing-api-prod-events',
      runsTable: 'dp-ticketing-api-prod-runs',
      afterRule: 'dp-ticketing-api-prod-after',
      onDataRule: 'dp-ticketing-api-prod-on-data',
      triggerFailedAlarm: 'dp-ticketing-api-prod-trigger-failed',
      slotReleaseStateMachine: 'dp-ticketing-api-prod-release',
      slotReleaseRole: 'dp-ticketing-api-prod-release',
      runEndedRule: 'dp-ticketing-api-prod-run-ended',
      runEndedRole: 'dp-ticketing-api-prod-ended',
      slotReleaseFailedAlarm: 'dp-ticketing-api-prod-release-failed',
      checkWarnedRule: 'dp-ticketing-api-prod-check-warned',
      container: 'app',
      lakePrefix: 'ticketing-api/',
      parameterPath: '/data-platform/prod/pipelines/ticketing-api/',
    });
  });

  test('PIPELINE_NAME - lowercase words joined by single hyphens', () => {
    for (const ok of ['ab', 'ticketing-api', 'shop2-v3']) expect(PIPELINE_NAME.test(ok)).toBe(true);
    for (const bad of ['Ab', '2ab', 'a_b', 'a--b', 'ab-', '-ab']) expect(PIPELINE_NAME.test(bad)).toBe(false);
  });
});

describe('nameOverLimit', () => {
  test('nameOverLimit - the EventBridge rule names bind first: 64 characters', () => {
    expect(nameOverLimit('a'.repeat(43), 'dev')).toBeUndefined();
    expect(nameOverLimit('a'.repeat(44), 'dev')).toEqual({
      resource: 'EventBridge rule name',
      derived: `dp-${'a'.repeat(44)}-dev-deploy-failed`,
      limit: 64,
      longestName: 43,
    });
    expect(nameOverLimit('a'.repeat(43), 'staging')?.longestName).toBe(39);
  });
});
