#!/usr/bin/env node
// The commands are TypeScript run in place: compiled on load (see @data-platform/core/register), no build step.
require('@data-platform/core/register');
require('../src/main.ts');
