import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Probes the PostgreSQL server once per run: its tests are skipped with one line when it is down (failed in CI).
    globalSetup: ['test/helpers/postgres-setup.ts'],
    // End-to-end tests start real HTTP servers; give them room on a loaded 2-core CI machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Test files share one module graph per worker instead of re-importing the whole app (Bolt, ExcelJS, zod
    // schemas) for each of them: half the suite's CPU time. Safe because no test mocks a module or patches a global
    // (test/architecture.test.ts checks that), and every test builds its own stores, clock and data folder.
    isolate: false,
  },
});
