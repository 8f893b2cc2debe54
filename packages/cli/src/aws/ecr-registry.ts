import {
  BatchDeleteImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  ListImagesCommand,
  type ECRClient,
  type ImageIdentifier,
} from '@aws-sdk/client-ecr';
import { CommandError } from '../errors';
import { awsErrorCode } from './aws-errors';

/** The repository's URI (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`), or undefined when it does not exist. */
export async function repositoryUri(ecr: ECRClient, name: string): Promise<string | undefined> {
  try {
    const result = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    return result.repositories?.[0]?.repositoryUri;
  } catch (error) {
    if (awsErrorCode(error) === 'RepositoryNotFoundException') return undefined;
    throw error;
  }
}

/** The digest (`sha256:...`) of the image with this tag, or undefined when there is none. */
export async function imageDigest(ecr: ECRClient, repository: string, tag: string): Promise<string | undefined> {
  try {
    const result = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }));
    return result.imageDetails?.[0]?.imageDigest;
  } catch (error) {
    if (['ImageNotFoundException', 'RepositoryNotFoundException'].includes(awsErrorCode(error) ?? '')) return undefined;
    throw error;
  }
}

/**
 * Whether the repository holds an image with this digest (`sha256:...`): DescribeImages by
 * `imageDigest`, which finds an image whatever its tags. False when the image or the repository
 * does not exist.
 */
export async function hasImageDigest(ecr: ECRClient, repository: string, digest: string): Promise<boolean> {
  try {
    const result = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }));
    return (result.imageDetails ?? []).some((image) => image.imageDigest === digest);
  } catch (error) {
    if (['ImageNotFoundException', 'RepositoryNotFoundException'].includes(awsErrorCode(error) ?? '')) return false;
    throw error;
  }
}

/** A registry login: the token ECR hands out is base64 of `AWS:<password>`, valid 12 hours. */
export interface RegistryLogin {
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

export async function registryLogin(ecr: ECRClient): Promise<RegistryLogin> {
  const result = await ecr.send(new GetAuthorizationTokenCommand({}));
  const data = result.authorizationData?.[0];
  if (!data?.authorizationToken || !data.proxyEndpoint) throw new CommandError('ECR GetAuthorizationToken returned no authorization data; try again, or check the ECR service health.');
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return {
    registry: data.proxyEndpoint.replace(/^https?:\/\//, ''),
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}

/** The registry host of a repository URI. */
export function registryOf(uri: string): string {
  return uri.split('/')[0]!;
}

/**
 * Deletes every image of a repository (ListImages, then BatchDeleteImage by 100), so that
 * terraform can delete the repository itself; returns how many image ids were deleted. A missing
 * repository has none.
 */
export async function deleteAllImages(ecr: ECRClient, repository: string): Promise<number> {
  const ids: ImageIdentifier[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await ecr.send(new ListImagesCommand({ repositoryName: repository, nextToken }));
      ids.push(...(page.imageIds ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    if (awsErrorCode(error) === 'RepositoryNotFoundException') return 0;
    throw error;
  }
  const digests = [...new Set(ids.map((id) => id.imageDigest).filter((d): d is string => Boolean(d)))];
  for (let i = 0; i < digests.length; i += 100) {
    const result = await ecr.send(
      new BatchDeleteImageCommand({ repositoryName: repository, imageIds: digests.slice(i, i + 100).map((imageDigest) => ({ imageDigest })) }),
    );
    const failure = result.failures?.find((f) => f.failureCode !== 'ImageNotFound');
    if (failure) throw new CommandError(`could not delete image ${failure.imageId?.imageDigest ?? ''} from ECR repository ${repository}: ${failure.failureCode}: ${failure.failureReason}`);
  }
  return digests.length;
}
