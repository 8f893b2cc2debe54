import { matrixErrors } from '../src/errors';

describe('matrixErrors', () => {
  test('unknownReference - names the stack, the expression and where', () => {
    expect(matrixErrors.unknownReference('orders-dev', 'aws_x.y.arn', 'a policy').message).toBe(
      "access matrix: orders-dev: cannot resolve `${aws_x.y.arn}` in a policy: only references to resources and data sources of the stack (and the shared contract's parameters) are resolved; give the ARN shape of the resource type in concrete-world.ts.",
    );
  });
  test('noArnShape - names the address and the fix', () => {
    expect(matrixErrors.noArnShape('orders-dev', 'aws_x.y').message).toBe('access matrix: orders-dev: aws_x.y has no ARN shape in concrete-world.ts; add its resource type to ARN_SHAPES.');
  });
  test('unreadablePolicy - says why', () => {
    expect(matrixErrors.unreadablePolicy('orders-dev', 'aws_iam_role_policy.P', 'it is computed at apply time').message).toBe(
      'access matrix: orders-dev: the policy of aws_iam_role_policy.P cannot be read: it is computed at apply time.',
    );
  });
  test('unknownManagedPolicy - names the role and the policy', () => {
    expect(matrixErrors.unknownManagedPolicy('ci-dev', 'aws_iam_role.R', 'arn:aws:iam::1:policy/x').message).toBe(
      'access matrix: ci-dev: aws_iam_role.R has managed policy arn:aws:iam::1:policy/x, which is neither an AWS managed policy nor one of the stacks.',
    );
  });
  test('unknownBoundary - says to include the CI stack', () => {
    expect(matrixErrors.unknownBoundary('orders-dev', 'aws_iam_role.R', 'arn:aws:iam::1:policy/b').message).toBe(
      'access matrix: orders-dev: aws_iam_role.R has permissions boundary arn:aws:iam::1:policy/b, which no stack of the matrix creates: include the CI stack.',
    );
  });
  test('noPermissions - says where to list the actions', () => {
    expect(matrixErrors.noPermissions('aws_lambda_function').message).toMatch(
      /^access matrix: resource type aws_lambda_function has no entry in TERRAFORM_PERMISSIONS \(terraform-permissions\.ts\): list the actions/,
    );
  });
  test('simulationError - names the question and the evaluator\'s message', () => {
    expect(matrixErrors.simulationError('q', 'invalid.action').message).toBe('access matrix: the IAM evaluator refused the question "q": invalid.action.');
  });
});
