/** Where the bundle is written: gateway/dist/sdk/events.js. */
export const SDK_FILE: string;
/** Builds the browser client and returns its sizes in bytes. */
export function buildSdk(): Promise<{ raw: number; gzipped: number }>;
