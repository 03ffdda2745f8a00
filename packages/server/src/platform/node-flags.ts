/**
 * The Node.js flags the server is run with (the image's entrypoint, `pnpm start`, the benchmarks). A 32 MB young
 * generation makes V8 stop the API far less often to collect short-lived request garbage: at half of the payments'
 * peak, the p99 stayed at 11–22 ms in 12 of 13 interleaved runs with it, and moved between 12 and 60 ms without it
 * (README, Benchmarks). The price is memory: a busy process may hold a few tens of MB more.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
