import { loadEnvironments } from '@data-platform/config';
import { runApp } from '@data-platform/core';
import { SharedStack } from './src/shared-stack';

// One shared stack per environment: shared-dev, shared-prod.
runApp((app) => {
  for (const environment of loadEnvironments().values()) {
    new SharedStack(app, environment);
  }
});
