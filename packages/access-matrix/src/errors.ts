import { PlatformError } from '@data-platform/config';

/** What the access matrix refuses to guess: each names the stack, the address or reference, and why. */
export const matrixErrors = {
  unknownReference: (stack: string, expression: string, where: string) =>
    new PlatformError(`access matrix: ${stack}: cannot resolve \`\${${expression}}\` in ${where}: only references to resources and data sources of the stack (and the shared contract's parameters) are resolved; give the ARN shape of the resource type in concrete-world.ts.`),
  noArnShape: (stack: string, address: string) =>
    new PlatformError(`access matrix: ${stack}: ${address} has no ARN shape in concrete-world.ts; add its resource type to ARN_SHAPES.`),
  unreadablePolicy: (stack: string, where: string, reason: string) =>
    new PlatformError(`access matrix: ${stack}: the policy of ${where} cannot be read: ${reason}.`),
  unknownManagedPolicy: (stack: string, role: string, arn: string) =>
    new PlatformError(`access matrix: ${stack}: ${role} has managed policy ${arn}, which is neither an AWS managed policy nor one of the stacks.`),
  unknownBoundary: (stack: string, role: string, arn: string) =>
    new PlatformError(`access matrix: ${stack}: ${role} has permissions boundary ${arn}, which no stack of the matrix creates: include the CI stack.`),
  noPermissions: (type: string) =>
    new PlatformError(`access matrix: resource type ${type} has no entry in TERRAFORM_PERMISSIONS (terraform-permissions.ts): list the actions Terraform takes on it, from the provider's documentation and AWS's Service Authorization Reference.`),
  simulationError: (question: string, message: string) =>
    new PlatformError(`access matrix: the IAM evaluator refused the question "${question}": ${message}.`),
};
