import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // Pseudo-terminal and spawned-binary tests share two cores: keep the pool small and steady.
    maxWorkers: 2,
  },
});
