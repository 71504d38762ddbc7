/**
 * Loads `jose` with Node's own loader. jose 6 ships only ES modules; Node ≥ 20.19 can require() them,
 * but jest's module sandbox (before jest on Node 24.9) cannot, so a plain import fails every API test
 * under the repo's jest config. The same approach as db/pglite-loader.ts: under plain Node or tsx this
 * returns the very module a static import would. Drop it once jest transforms or natively loads jose.
 */
import Module from 'node:module';

type Jose = typeof import('jose');

let loaded: Jose | undefined;

export function loadJose(): Jose {
  loaded ??= new Module(__filename).require(require.resolve('jose')) as Jose;
  return loaded;
}
