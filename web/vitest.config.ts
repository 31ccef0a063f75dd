// Unit and component tests: no server, no browser. Component tests name
// their DOM in a docblock (`// @vitest-environment happy-dom`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
