import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Some beforeAll hooks spawn the built bin several times (a session to build progress on): on two
    // busy cores that takes far longer than vitest's default 10 s.
    hookTimeout: 60_000,
    // Pseudo-terminal and spawned-binary tests share two cores: keep the pool small and steady.
    maxWorkers: 2,
  },
});
