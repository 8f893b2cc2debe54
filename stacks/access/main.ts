import { defineAccess } from './src/define-access';
import { access } from './teams';

// One access stack per environment: access-dev, access-prod. Teams and grants live in teams.ts.
defineAccess(__dirname, access);
