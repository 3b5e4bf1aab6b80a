import { defineConfig } from 'vitest/config';

/** The domain tests alone: what `npm run mutation` (Stryker) runs against every mutant of `src/domain`. */
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts'],
  },
});
