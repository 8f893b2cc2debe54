import { DescribeTaskDefinitionCommand, ListTaskDefinitionsCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { awsErrorCode } from './aws-errors';

/** One active revision of a task definition family, and the image its `app` container runs. */
export interface TaskDefinitionRevision {
  /** `family:revision`. */
  readonly name: string;
  readonly revision: number;
  /** The image of the container named `app` (else the first); undefined when it has none. */
  readonly image?: string;
}

async function describe(ecs: ECSClient, taskDefinition: string): Promise<TaskDefinitionRevision | undefined> {
  try {
    const { taskDefinition: found } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
    if (!found) return undefined;
    const container = found.containerDefinitions?.find((c) => c.name === 'app') ?? found.containerDefinitions?.[0];
    return { name: `${found.family}:${found.revision}`, revision: found.revision ?? 0, ...(container?.image ? { image: container.image } : {}) };
  } catch (error) {
    if (awsErrorCode(error) === 'ClientException') return undefined;
    throw error;
  }
}

/** The latest ACTIVE revision of a family: the one Terraform applied last (DescribeTaskDefinition by family). */
export function currentRevision(ecs: ECSClient, family: string): Promise<TaskDefinitionRevision | undefined> {
  return describe(ecs, family);
}

/**
 * The ACTIVE revisions of a family older than `before`, newest first, described one at a time and
 * only as far as `accept` needs: returns the first it accepts, and how many were looked at. Old
 * revisions stay ACTIVE because standard-etl's task definitions have skip_destroy.
 */
export async function findOlderRevision(
  ecs: ECSClient,
  family: string,
  before: number,
  accept: (revision: TaskDefinitionRevision) => boolean,
): Promise<{ readonly found?: TaskDefinitionRevision; readonly examined: number }> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', nextToken }));
    arns.push(...(page.taskDefinitionArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  // familyPrefix matches a prefix: keep this family's own revisions only.
  const older = arns
    .map((arn) => /:task-definition\/([^:]+):(\d+)$/.exec(arn))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === family && Number(m[2]) < before)
    .map((m) => Number(m[2]));
  let examined = 0;
  for (const revision of older) {
    const described = await describe(ecs, `${family}:${revision}`);
    examined += 1;
    if (described && accept(described)) return { found: described, examined };
  }
  return { examined };
}
