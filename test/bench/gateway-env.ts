/**
 * `--gateway-env "NAME=value NAME2=value2"`: variables for the gateway processes, which start
 * with an environment of their own (test/support/gateway-process.ts) and never see the ones
 * exported around `npm run bench`: an experiment switched that way measured the same code
 * twice. Values cannot hold spaces; a malformed pair stops the run rather than being ignored.
 */
export function parseGatewayEnv(text: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of (text ?? '').split(' ').filter(Boolean)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(pair);
    if (!match) throw new Error(`--gateway-env: "${pair}" is not NAME=value`);
    env[match[1]!] = match[2]!;
  }
  return env;
}
