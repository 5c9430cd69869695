#!/usr/bin/env node
// `npx gongkai-audit <command>`: runs the audit CLI from source (TypeScript through swc).
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT ??= join(__dirname, '../../../tsconfig.base.json');
require('@swc-node/register');
require('../src/main.ts');
