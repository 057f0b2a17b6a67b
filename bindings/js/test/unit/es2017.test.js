'use strict';
// bridge.js must load in old WebViews: plain ES2017 script, no modules, no build step.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const acorn = require('acorn');

const SOURCE = fs.readFileSync(path.join(__dirname, '..', '..', 'bridge.js'), 'utf8');

test('bridge.js parses as an ES2017 script', () => {
  assert.doesNotThrow(() => acorn.parse(SOURCE, { ecmaVersion: 2017, sourceType: 'script' }));
  assert.throws(() => acorn.parse('const a = {...b};', { ecmaVersion: 2017, sourceType: 'script' }), 'the check itself works');
});

test('as a <script>: defines SpacesWidgetBridge on the global object', () => {
  const sandbox = { Date, JSON, Math };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(SOURCE, sandbox, { filename: 'bridge.js' });
  assert.strictEqual(typeof sandbox.SpacesWidgetBridge.create, 'function');
  const got = [];
  sandbox.webkit = { messageHandlers: { spacesWidgetEvents: { postMessage: (t) => got.push(t) } } };
  const bridge = sandbox.SpacesWidgetBridge.create();
  bridge.onEvent('rooms:read', { id: 'R' });
  assert.strictEqual(got.length, 1);
  assert.strictEqual(bridge.stats().transport, 'webkit');
});

test('a page with an AMD loader still gets the global (no anonymous define call)', () => {
  const sandbox = {};
  let called = false;
  sandbox.define = () => { called = true; };
  sandbox.define.amd = true;
  vm.createContext(sandbox);
  vm.runInContext(SOURCE, sandbox);
  assert.strictEqual(called, false);
  assert.strictEqual(typeof sandbox.SpacesWidgetBridge.create, 'function');
});
