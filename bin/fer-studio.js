#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader: the core needs no build step to run headless.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
