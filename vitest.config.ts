import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real HTTP servers; give them room on a loaded 2-core CI machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
