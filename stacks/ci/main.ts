import { loadEnvironments } from '@data-platform/config';
import { runApp } from '@data-platform/core';
import { CiStack } from './src/ci-stack';

// One CI stack per environment: ci-dev, ci-prod. Applied by an administrator, never by the deploy
// workflow: `npx nx run ci:deploy -c <env>` with administrator credentials, before the shared stack.
runApp((app) => {
  for (const environment of loadEnvironments().values()) {
    new CiStack(app, { environment });
  }
});
