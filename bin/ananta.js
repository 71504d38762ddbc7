#!/usr/bin/env node
/**
 * The `ananta` command (package.json "bin"). The CLI is TypeScript; tsx's documented CommonJS
 * register API compiles it on the fly, so there is no build step.
 */
'use strict';
require('tsx/cjs/api').register();
require('../cli/main.ts')
  .run(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
