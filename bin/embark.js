#!/usr/bin/env node
// The `embark` command: runs the CLI's TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../src-main/cli/main.ts');
await runFromProcess();
