// The types of cdktf's jest matchers (toHaveResourceWithProperties, ...), registered at run time by jest.setup.js.
import type {} from 'cdktf/lib/testing/adapters/jest';

// The same helpers as every construct test of the workspace: environments, and reading a synthesized stack.
export {
  dataSourcesOf,
  policyStatements,
  reference,
  resourcesOf,
  testEnvironment,
  type Statement,
  type Synthesized,
} from '../../../packages/core/test/support/synthesized';
