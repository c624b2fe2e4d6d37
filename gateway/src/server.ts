import { preferCommonJsBuilds } from './load-hooks.js';

// The process entry point. The module hooks must be in place before the gateway's modules are
// resolved, and a static import graph is resolved whole before any of it runs: so the gateway
// itself (main.ts) is imported only once they are.
preferCommonJsBuilds();
await import('./main.js');
