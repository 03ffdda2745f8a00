/**
 * The Node.js flags the server is run with (the image's entrypoint, `pnpm start`, the benchmarks). A 32 MB young
 * generation halves how often V8 stops the API to collect short-lived request garbage: at half of the payments'
 * peak, the p99 stayed at 12–22 ms in 12 of 13 runs with it and reached 25–60 ms in 9 of 13 without it (README,
 * "Where the time goes"). It costs up to 64 MB more memory per process (two semi-spaces).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
