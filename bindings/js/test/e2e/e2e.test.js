'use strict';
/*
 * End to end: the test page with the stand-in widget runs in headless Chromium (Debian's
 * /usr/bin/chromium, over the DevTools protocol); the bridge posts each event to a local HTTP
 * server, through the host callback and through each platform's channel (faked in the page).
 *
 * Environment:
 *   CHROMIUM_PATH                 browser to run (default /usr/bin/chromium)
 *   SWE_BRIDGE_NDJSON_OUT         where to write the collected events (default: a temp file)
 *   SWE_BRIDGE_NDJSON_CONSUMER    shell command that must accept the NDJSON file (appended as
 *                                 its last argument, also in $SWE_NDJSON_FILE) and exit 0;
 *                                 default: python3 test/e2e/check_ndjson.py; empty: skip
 *   SWE_BRIDGE_SCREENSHOT_DIR     save a PNG of the page for each mode there
 */
const { describe, it, before } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { collectEvents, toNdjson, ALL_MODES } = require('./harness');
const fixtures = require('../page/fixtures.js');
const Bridge = require('../../bridge.js');

const expected = fixtures.buildEvents(fixtures.fakeEnv());
const CHANNEL_MODES = ALL_MODES.filter((m) => m !== 'none');

describe('bridge in headless Chromium', () => {
  let run;
  before(async () => {
    run = await collectEvents({ timeoutMs: 60000, screenshotDir: process.env.SWE_BRIDGE_SCREENSHOT_DIR || undefined });
  }, { timeout: 180000 });

  it('the page ran cleanly', () => {
    assert.deepStrictEqual(run.problems, [], 'unexpected requests to the server');
    for (const mode of ALL_MODES) {
      const r = run.results[mode];
      assert.ok(r.report, `${mode}: no report`);
      assert.deepStrictEqual(r.exceptions, [], `${mode}: exceptions`);
      assert.deepStrictEqual(r.report.pageErrors, [], `${mode}: page errors`);
      assert.deepStrictEqual(r.logEntries.filter((l) => l.startsWith('error')), [], `${mode}: error log entries`);
      assert.strictEqual(r.report.fired, expected.length);
    }
  });

  for (const mode of CHANNEL_MODES) {
    it(`via ${mode}: every event arrived exactly once, in order, with its full name and fields`, () => {
      const { events, report } = run.results[mode];
      const names = events.map((e) => JSON.parse(e.text).name);
      assert.deepStrictEqual(names, expected.map((e) => e.name));
      events.forEach((e, i) => {
        const msg = JSON.parse(e.text);
        assert.deepStrictEqual(Object.keys(msg), ['name', 'detail']);
        const parts = msg.name.split(':');
        assert.strictEqual(msg.detail.resource, parts[0]);
        assert.strictEqual(msg.detail.event, parts[1]);
        expected[i].expect(msg, assert);
        assert.ok(e.bytes <= Bridge.DEFAULT_MAX_BYTES, `${msg.name}: ${e.bytes} bytes`);
        assert.strictEqual(e.bytes, Buffer.byteLength(e.text));
      });
      const both = expected.filter((e) => e.via === 'both').length;
      const s = report.stats;
      assert.strictEqual(s.transport, mode);
      assert.strictEqual(s.posted, expected.length);
      assert.strictEqual(s.duplicates, both);
      assert.strictEqual(s.received, expected.length + both);
      assert.strictEqual(s.dropped, 0);
      assert.strictEqual(s.queued, 0);
      assert.deepStrictEqual(report.errors.map((x) => [x.code, x.eventName, x.posted]), [['W_TRUNCATED', 'messages:created', true]]);
      assert.strictEqual(report.pageHandlerCalls, expected.filter((e) => e.via !== 'dom').length);
      assert.strictEqual(report.detected, mode === 'callback' ? null : mode, 'detectChannel in a real browser');
    });
  }

  it('every channel carried byte-identical JSON texts', () => {
    const reference = run.results.callback.events.map((e) => e.text);
    for (const mode of CHANNEL_MODES) {
      assert.deepStrictEqual(run.results[mode].events.map((e) => e.text), reference, mode);
    }
  });

  it('the call objects arrived as summaries and non-ASCII text intact', () => {
    const msgs = run.results.callback.events.map((e) => JSON.parse(e.text));
    const calls = msgs.filter((m) => m.detail.data && m.detail.data.call);
    assert.strictEqual(calls.length, 4);
    for (const m of calls) {
      assert.ok(Object.keys(m.detail.data.call).every((k) => ['id', 'status', 'state', 'direction', 'locusUrl', 'correlationId'].includes(k)));
      assert.ok(Object.values(m.detail.data.call).every((v) => typeof v === 'string'));
    }
    assert.ok(run.results.callback.events[0].text.includes('caf\u00e9 \u65e5\u672c\u8a9e \uD83D\uDE00 \uD83D\uDC69\u200D\uD83D\uDCBB'));
  });

  it('with no channel nothing is posted and every event is reported', () => {
    const { events, report } = run.results.none;
    assert.strictEqual(events.length, 0);
    assert.strictEqual(report.stats.transport, null);
    assert.strictEqual(report.stats.dropped, expected.length);
    assert.deepStrictEqual([...new Set(report.errors.map((x) => x.code))], ['E_NO_CHANNEL']);
    assert.strictEqual(report.errors.length, expected.length);
  });

  it('the NDJSON file is accepted by the native consumer', (t) => {
    const out = process.env.SWE_BRIDGE_NDJSON_OUT ||
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'swe-bridge-e2e-')), 'events.ndjson');
    fs.writeFileSync(out, toNdjson(run.results.callback.events));
    t.diagnostic(`NDJSON: ${out}`);
    let cmd = process.env.SWE_BRIDGE_NDJSON_CONSUMER;
    if (cmd === '') {
      t.skip('SWE_BRIDGE_NDJSON_CONSUMER is empty');
      if (!process.env.SWE_BRIDGE_NDJSON_OUT) fs.rmSync(path.dirname(out), { recursive: true, force: true });
      return;
    }
    if (cmd === undefined) {
      if (spawnSync('python3', ['--version']).status !== 0) {
        t.skip('python3 not found for the default consumer');
        return;
      }
      cmd = `python3 ${JSON.stringify(path.join(__dirname, 'check_ndjson.py'))}`;
    }
    const r = spawnSync('/bin/sh', ['-c', `${cmd} "$SWE_NDJSON_FILE"`], {
      env: Object.assign({}, process.env, { SWE_NDJSON_FILE: out }),
      encoding: 'utf8',
      timeout: 300000
    });
    t.diagnostic(`consumer: ${cmd}`);
    for (const line of (r.stdout || '').trim().split('\n').slice(-20)) if (line) t.diagnostic(line);
    assert.strictEqual(r.status, 0, `consumer failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    // A temporary file is kept only when the consumer failed, for a look at it.
    if (!process.env.SWE_BRIDGE_NDJSON_OUT) fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
