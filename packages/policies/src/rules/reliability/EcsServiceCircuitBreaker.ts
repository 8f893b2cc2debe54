import { defineRule, resultOf } from '../../rule';
import { firstObject, isTrue } from '../../synthesized/values';

/** Every service deploys with the ECS deployment circuit breaker, with rollback. */
export const EcsServiceCircuitBreaker = defineRule({
  id: 'EcsServiceCircuitBreaker',
  summary: 'ECS services have the deployment circuit breaker with rollback',
  explanation:
    'Without the circuit breaker, a deployment whose tasks never become healthy retries forever and the pipeline stays down; with rollback, ECS returns to the last working task definition.',
  fix: 'Set deployment_circuit_breaker { enable = true, rollback = true } on the aws_ecs_service (and keep the default ECS deployment controller).',
  anchors: {},
  subjects: ['aws_ecs_service'],
  evaluate(service) {
    const breaker = firstObject(service.config.deployment_circuit_breaker);
    const reasons: string[] = [];
    if (!isTrue(breaker.enable)) reasons.push('deployment_circuit_breaker.enable is not true');
    if (!isTrue(breaker.rollback)) reasons.push('deployment_circuit_breaker.rollback is not true');
    const controller = firstObject(service.config.deployment_controller).type;
    if (controller !== undefined && controller !== 'ECS') reasons.push(`deployment_controller is "${String(controller)}", where the circuit breaker does not apply`);
    return resultOf(reasons);
  },
});
