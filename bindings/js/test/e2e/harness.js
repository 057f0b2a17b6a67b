'use strict';
// Runs the test page in headless Chromium once per channel mode and returns what the local
// server collected. Used by e2e.test.js and by collect.js (the NDJSON producer for native legs).
const fs = require('node:fs');
const { startServer } = require('./server');
const { launchChromium } = require('./chromium');

const ALL_MODES = ['callback', 'webkit', 'android', 'webview2', 'qt', 'cef', 'none'];

async function collectEvents(options = {}) {
  const modes = options.modes || ALL_MODES;
  const timeoutMs = options.timeoutMs || 60000;
  const server = await startServer();
  let browser;
  try {
    browser = await launchChromium(options);
    const results = {};
    for (const mode of modes) {
      const page = await browser.newPage();
      const done = server.waitForDone(mode, timeoutMs);
      await page.goto(`${server.origin}/page/index.html?via=${mode}`);
      const report = await done;
      if (options.screenshotDir) {
        fs.mkdirSync(options.screenshotDir, { recursive: true });
        await page.screenshot(`${options.screenshotDir}/page-${mode}.png`);
      }
      results[mode] = {
        events: server.events(mode),
        report,
        console: page.console,
        exceptions: page.exceptions,
        logEntries: page.logEntries
      };
    }
    return { origin: server.origin, browserVersion: browser.version.product, results, problems: server.problems.slice() };
  } finally {
    if (browser) await browser.close();
    await server.close();
  }
}

function toNdjson(events) {
  // Each text is one JSON value without raw newlines (JSON.stringify escapes them).
  return events.map((e) => e.text + '\n').join('');
}

module.exports = { collectEvents, toNdjson, ALL_MODES };
