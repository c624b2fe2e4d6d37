import * as nodeModule from 'node:module';

/**
 * Packages loaded through their CommonJS build where Node.js lets the gateway say so.
 *
 * Node.js 22's ES module loader, to learn whether a `.js` file is a module, copies the nearest
 * package.json whole, which parses its `exports` field again, for every file it loads (on
 * resolve, and again on load). drizzle-orm's `exports` is 179 KB with 447 entries, and the
 * gateway loads 146 of its files: on Node.js 22.23 the gateway's start took about half a second
 * more and its RSS peaked at 194–212 MB against 122–135 on Node.js 20, before its first request,
 * with 5,000 accounts over the 200 MB of issue 5. Files of a CommonJS build (`.cjs`) need no such
 * lookup. Every import of a listed package in the process comes through this hook, so only its
 * CommonJS build is ever loaded, never both.
 */
const COMMONJS_PACKAGES: readonly string[] = ['drizzle-orm'];

/** The conditions `require()` resolves with. */
const REQUIRE_CONDITIONS: readonly string[] = ['node', 'node-addons', 'require'];

export interface ResolveContext {
  conditions: readonly string[];
  [key: string]: unknown;
}
export type NextResolve = (specifier: string, context?: ResolveContext) => unknown;
type ResolveHook = (specifier: string, context: ResolveContext, next: NextResolve) => unknown;
/** `module.registerHooks` (Node.js 22.15 and 23.5 on); @types/node 20 does not declare it. */
export type RegisterHooks = (hooks: { resolve: ResolveHook }) => unknown;
/** `node:module` as far as this file needs it. */
type ModuleLoader = { registerHooks?: RegisterHooks };

/** The resolve hook: a listed package's specifiers resolve as `require()` would resolve them. */
export const resolvePreferringCommonJs: ResolveHook = (specifier, context, next) =>
  COMMONJS_PACKAGES.includes(specifier.split('/', 1)[0]!)
    ? next(specifier, { ...context, conditions: REQUIRE_CONDITIONS })
    : next(specifier, context);

/**
 * Registers the hook where Node.js has in-thread module hooks, and answers whether it did.
 * Node.js 20 has none, and no such cost either: its loader parses a package.json once and keeps
 * it.
 */
export function preferCommonJsBuilds(loader: ModuleLoader = nodeModule as ModuleLoader): boolean {
  if (!loader.registerHooks) return false;
  loader.registerHooks({ resolve: resolvePreferringCommonJs });
  return true;
}
