#!/usr/bin/env node
// The commands are TypeScript run in place: tsx compiles them on load, no build step.
require('tsx/cjs');
require('../src/main.ts');
