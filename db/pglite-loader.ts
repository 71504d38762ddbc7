/**
 * Loads PGlite with Node's own CommonJS loader, always. PGlite fetches its wasm, its data bundle and
 * `fs` with dynamic import(), and module sandboxes without dynamic-import support (jest, unless run with
 * --experimental-vm-modules) reject those calls: every test that opens the embedded store would fail.
 * A module created here is outside any sandbox; under plain Node or tsx it returns the very instance a
 * static import would (same file, same require cache), so production behaves the same.
 */
import Module from 'node:module';

type PgliteModule = typeof import('@electric-sql/pglite');

let loaded: PgliteModule | undefined;

export function loadPglite(): PgliteModule {
  if (!loaded) {
    const file = require.resolve('@electric-sql/pglite');
    loaded = new Module(__filename).require(file) as PgliteModule;
  }
  return loaded;
}
