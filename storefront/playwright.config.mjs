// Browser tests of the reference storefront against a running dev run: storefront/test.sh (or .ci/run) starts
// what is needed. Debian's Chromium, headless; Playwright never downloads a browser of its own here.
import { defineConfig } from '@playwright/test';

const storefront = process.env.STOREFRONT_URL ?? 'http://127.0.0.1:8090';

export default defineConfig({
  testDir: './tests',
  outputDir: '../target/storefront-test-results',
  // each step's screenshot stays only for the tests that failed
  preserveOutput: 'failures-only',
  // one dev run and one 2-core machine: tests one after the other
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list', { printSteps: false }]],
  use: {
    baseURL: storefront,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // a closed network and a container: no sandbox, no GPU, no QUIC, nothing fetched in the background
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
});
