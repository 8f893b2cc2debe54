// cdktf's Testing matchers: toHaveResourceWithProperties, toBeValidTerraform, ...
require('cdktf/lib/testing/adapters/jest').setupJest();

// The platform's tests never read the users' folders under pipelines/ (scripts/jest/user-folders-guard.ts).
require('./scripts/jest/user-folders-guard').guardUserFolders(__dirname, expect.getState().testPath);
