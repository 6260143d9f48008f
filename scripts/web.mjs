#!/usr/bin/env node
// `npm run web`: checks the Node version in plain JavaScript, then starts browser mode
// (main/server/web.ts), which an older Node could not even load.
import { requireSupportedNode } from './node-floor.mjs';

requireSupportedNode('npm run web');
await import('../main/server/web.ts');
