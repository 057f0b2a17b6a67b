'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Bridge, collecting } = require('./helpers');

test('a throwing channel is reported, never thrown', () => {
  const errors = [];
  const bridge = Bridge.create({ post: () => { throw new Error('native side gone'); }, onError: (e) => errors.push(e) });
  assert.doesNotThrow(() => bridge.onEvent('a:b', { x: 1 }));
  assert.deepStrictEqual(errors.map((e) => [e.code, e.eventName, e.posted]), [['E_CHANNEL', 'a:b', false]]);
  assert.match(errors[0].message, /native side gone/);
  const s = bridge.stats();
  assert.deepStrictEqual([s.received, s.posted, s.dropped, s.errors], [1, 0, 1, 1]);
});

test('a throwing onError hook does not escape either', () => {
  const bridge = Bridge.create({ post: () => { throw new Error('x'); }, onError: () => { throw new Error('hook'); } });
  assert.doesNotThrow(() => bridge.onEvent('a:b', {}));
  assert.strictEqual(bridge.stats().errors, 1);
  assert.match(bridge.stats().lastError, /^E_CHANNEL/);
});

test('without onError, errors are only counted', () => {
  const bridge = Bridge.create({ window: {} });
  assert.doesNotThrow(() => bridge.onEvent('a:b', {}));
  assert.strictEqual(bridge.stats().errors, 1);
  assert.match(bridge.stats().lastError, /E_NO_CHANNEL/);
});

test('invalid options are reported and replaced by defaults; create never throws', () => {
  const errors = [];
  let bridge;
  assert.doesNotThrow(() => {
    bridge = Bridge.create({ channel: 42, maxBytes: -1, oversize: 'explode', transport: 'carrier-pigeon', post: 'nope', dedupeWindowMs: 'x', onError: (e) => errors.push(e), window: {} });
  });
  assert.deepStrictEqual(errors.map((e) => e.option).sort(), ['channel', 'dedupeWindowMs', 'maxBytes', 'oversize', 'post', 'transport']);
  assert.strictEqual(bridge.stats().channel, 'spacesWidgetEvents');
  assert.doesNotThrow(() => Bridge.create());
  assert.doesNotThrow(() => Bridge.create(null));
  assert.doesNotThrow(() => Bridge.create('x'));
  const e2 = [];
  Bridge.create({ transport: 'callback', onError: (e) => e2.push(e.code) });
  assert.deepStrictEqual(e2, ['E_OPTION']);
});

test('bad events: no name, hostile details', () => {
  const c = collecting();
  c.bridge.onEvent(undefined, 'just a string');
  c.bridge.onEvent(null, { resource: 'rooms', event: 'read', data: { id: 'R' } }); // name rebuilt from envelope
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  c.bridge.onEvent('a:revoked', revocable.proxy);
  const hostile = new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, has() { throw new Error('trap'); } });
  c.bridge.onEvent('a:hostile', hostile);
  c.bridge.onEvent('a:hostiledata', { resource: 'a', event: 'hostiledata', data: hostile });
  assert.deepStrictEqual(c.errors.map((e) => e.code), ['E_BAD_EVENT']);
  assert.deepStrictEqual(c.parsed().map((m) => m.name), ['rooms:read', 'a:revoked', 'a:hostile', 'a:hostiledata']);
  for (const m of c.parsed()) assert.ok(m.name);
});

test('an oversize event under "drop" is reported and not posted', () => {
  const c = collecting({ maxBytes: 1024, oversize: 'drop' });
  c.bridge.onEvent('messages:created', { text: 'x'.repeat(5000) });
  assert.strictEqual(c.posted.length, 0);
  assert.deepStrictEqual(c.errors.map((e) => [e.code, e.eventName, e.posted]), [['E_TOO_LARGE', 'messages:created', false]]);
  assert.strictEqual(c.bridge.stats().dropped, 1);
});

test('an oversize event under "truncate" is posted and reported as W_TRUNCATED', () => {
  const c = collecting({ maxBytes: 1024 });
  c.bridge.onEvent('messages:created', { id: 'M', text: 'x'.repeat(5000) });
  assert.strictEqual(c.posted.length, 1);
  assert.ok(Buffer.byteLength(c.posted[0]) <= 1024);
  assert.deepStrictEqual(c.errors.map((e) => [e.code, e.eventName, e.posted]), [['W_TRUNCATED', 'messages:created', true]]);
  assert.strictEqual(c.bridge.stats().truncated, 1);
});

test('attach to something that is not an element is reported', () => {
  const c = collecting();
  let detach;
  assert.doesNotThrow(() => { detach = c.bridge.attach(null); });
  assert.doesNotThrow(() => detach());
  c.bridge.attach({});
  assert.deepStrictEqual(c.errors.map((e) => e.code), ['E_ATTACH', 'E_ATTACH']);
});

test('a frozen element still gets the known events (no dispatchEvent wrapping)', () => {
  const c = collecting();
  const el = new EventTarget();
  Object.freeze(el);
  c.bridge.attach(el);
  assert.deepStrictEqual(c.errors.map((e) => e.code), ['E_ATTACH']);
  el.dispatchEvent(new CustomEvent('rooms:read', { detail: { resource: 'rooms', event: 'read', data: {} } }));
  assert.strictEqual(c.posted.length, 1);
});

test('listener and dispatch wrapper never throw into the widget, even with odd events', () => {
  const c = collecting();
  const el = new EventTarget();
  c.bridge.attach(el);
  const ev = new CustomEvent('rooms:read');
  Object.defineProperty(ev, 'detail', { get() { throw new Error('detail getter'); } });
  assert.doesNotThrow(() => el.dispatchEvent(ev));
  assert.doesNotThrow(() => el.dispatchEvent(new CustomEvent('x:y', { detail: undefined })));
  assert.ok(c.errors.every((e) => e.code !== undefined));
});

test('the page\'s own handler errors stay the page\'s (not swallowed), the bridge still posted', () => {
  const c = collecting();
  const cb = c.bridge.makeOnEvent(() => { throw new Error('page bug'); });
  assert.throws(() => cb('a:b', {}), /page bug/);
  assert.strictEqual(c.posted.length, 1);
});

test('destroy detaches and ignores later events', () => {
  const c = collecting();
  const el = new EventTarget();
  c.bridge.attach(el);
  c.bridge.destroy();
  el.dispatchEvent(new CustomEvent('rooms:read', { detail: {} }));
  c.bridge.onEvent('rooms:read', {});
  assert.strictEqual(c.posted.length, 0);
  assert.strictEqual(c.bridge.stats().received, 0);
});
