/**
 * The Node.js flags the server is run with (the image's entrypoint, `pnpm start`, the benchmarks). A 32 MB young
 * generation makes V8 stop the API far less often to collect short-lived request garbage: at half of the payments'
 * peak, the p99 stayed at 11–22 ms in 12 of 13 interleaved runs with it, and moved between 12 and 60 ms without it
 * (README, Benchmarks). The price is memory: the young generation may grow to about three times the semi-space,
 * some 96 MB, where V8 stops at about 48 MB by default on 64-bit machines.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
