#!/usr/bin/env node
// Entry point of `npx glasslab`: runs the TypeScript CLI through tsx's loader (no build step needed). tsx is a dependency, not a
// devDependency, so the bin works after `npm install --omit=dev` (test/deployment.test.ts).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { main } = await import(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)));
const { exitIfHeldOpen } = await import(fileURLToPath(new URL('../src/engine/lab/engines.ts', import.meta.url)));
process.exitCode = await main(process.argv.slice(2));
exitIfHeldOpen(); // a Dawn device may keep Node alive after the command is done: exit soon after it (the timer holds nothing)
