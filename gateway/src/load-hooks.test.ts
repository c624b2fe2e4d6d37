import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  preferCommonJsBuilds,
  resolvePreferringCommonJs,
  type NextResolve,
  type RegisterHooks,
  type ResolveContext,
} from './load-hooks.js';

const esmContext: ResolveContext = { conditions: ['node', 'import'], parentURL: 'file:///x.js' };

/** The context each specifier reached the next resolver with. */
function resolveAll(specifiers: string[]): Map<string, ResolveContext | undefined> {
  const seen = new Map<string, ResolveContext | undefined>();
  const next: NextResolve = (specifier, context) => seen.set(specifier, context);
  for (const s of specifiers) resolvePreferringCommonJs(s, esmContext, next);
  return seen;
}

/** Every `drizzle-orm…` specifier imported by the gateway's sources, read off the files. */
function drizzleEntriesImported(): Set<string> {
  const src = fileURLToPath(new URL('.', import.meta.url));
  const entries = new Set<string>();
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(join(src, file), 'utf8');
    for (const m of text.matchAll(/from '(drizzle-orm(?:\/[^']*)?)'/g)) entries.add(m[1]!);
  }
  return entries;
}

describe('loading drizzle-orm through its CommonJS build', () => {
  it('resolves drizzle-orm and its subpaths with the conditions of require()', () => {
    const seen = resolveAll(['drizzle-orm', 'drizzle-orm/sqlite-core', 'drizzle-orm/pg-core']);
    expect(seen.size).toBe(3);
    for (const context of seen.values()) {
      expect(context?.conditions).toContain('require');
      expect(context?.conditions).not.toContain('import');
      expect(context?.parentURL).toBe('file:///x.js');
    }
  });

  it('leaves every other specifier as it was asked', () => {
    const seen = resolveAll([
      'fastify',
      './app.js',
      'node:fs',
      'drizzle-orm-like',
      '@x/drizzle-orm',
    ]);
    expect(seen.size).toBe(5);
    for (const context of seen.values()) expect(context).toBe(esmContext);
  });

  it('finds a CommonJS build for every drizzle-orm entry the gateway imports', () => {
    const require = nodeModule.createRequire(import.meta.url);
    const entries = drizzleEntriesImported();
    expect(entries).toContain('drizzle-orm/sqlite-core');
    for (const entry of entries) expect(require.resolve(entry)).toMatch(/\.cjs$/);
  });

  it('registers the hook only where Node.js has module hooks', () => {
    const registered: unknown[] = [];
    const registerHooks: RegisterHooks = (hooks) => registered.push(hooks.resolve);
    expect(preferCommonJsBuilds({ registerHooks })).toBe(true);
    expect(registered).toEqual([resolvePreferringCommonJs]);
    expect(preferCommonJsBuilds({})).toBe(false);
  });

  it('makes the gateway load the CommonJS build on a Node.js with module hooks, else the ES one', () => {
    const hooks = fileURLToPath(new URL('../dist/load-hooks.js', import.meta.url));
    // A fresh process, as the gateway's: which drizzle-orm files did importing it load?
    const script = `
      import { createRequire } from 'node:module';
      const { preferCommonJsBuilds } = await import(${JSON.stringify(hooks)});
      const registered = preferCommonJsBuilds();
      await import('drizzle-orm/sqlite-core');
      const cjs = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('drizzle-orm'));
      console.log(JSON.stringify({ registered, cjs: cjs.length }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    });
    const { registered, cjs } = JSON.parse(out) as { registered: boolean; cjs: number };
    const hasHooks = 'registerHooks' in nodeModule;
    expect(registered).toBe(hasHooks);
    if (hasHooks) expect(cjs).toBeGreaterThan(10);
    else expect(cjs).toBe(0);
  });
});
