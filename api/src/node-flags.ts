/**
 * Node flags the API process runs with (`npm start`, the API image, the
 * benchmark's stack). V8 grows the young generation up to 3 × 16–32 MB under
 * load and rarely gives it back; capping each semi-space at 8 MB kept the API
 * near 170 MB RSS under the benchmark's throughput ladder instead of 260 MB,
 * with the same messages per second (bench/README.md). The start scripts in
 * package.json, api/package.json and deploy/api.Dockerfile spell them out; a test
 * checks they agree.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=8'];
