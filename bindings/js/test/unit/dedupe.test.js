'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Bridge, makeWidget, collecting, formatEventDetails } = require('./helpers');

function setup(extra) {
  const c = collecting(extra);
  const w = makeWidget();
  const detach = c.bridge.attach(w.el);
  w.onEvent = c.bridge.onEvent;
  return Object.assign(c, { w, detach });
}

test('the widget delivers every event twice (DOM + onEvent): posted once', () => {
  const { w, posted, bridge, errors } = setup();
  w.fire('messages:created', { id: 'M1', text: 'a' });
  w.fire('rooms:unread', { id: 'R1' });
  assert.strictEqual(posted.length, 2);
  assert.deepStrictEqual(bridge.stats().duplicates, 2);
  assert.deepStrictEqual(errors, []);
});

test('DOM-only and onEvent-only events are posted once each', () => {
  const { w, parsed } = setup();
  w.fire('rooms:read', { id: 'R' }, 'dom');
  w.fire('rooms:read', { id: 'R2' }, 'callback');
  assert.deepStrictEqual(parsed().map((m) => m.detail.data.id), ['R', 'R2']);
});

test('two events with equal content but different objects are both posted', () => {
  const { w, posted } = setup();
  w.fire('messages:created', { id: 'M' });
  w.fire('messages:created', { id: 'M' });
  assert.strictEqual(posted.length, 2);
});

test('the same data object fired again (tab A, B, A) is posted each time', () => {
  const { w, parsed } = setup();
  const a = { name: 'meet' };
  const b = { name: 'message' };
  w.fire('activity:changed', a);
  w.fire('activity:changed', b);
  w.fire('activity:changed', a);
  assert.deepStrictEqual(parsed().map((m) => m.detail.data.name), ['meet', 'message', 'meet']);
});

test('each delivery absorbs at most one duplicate', () => {
  const { w, parsed } = setup();
  const a = { name: 'meet' };
  w.fire('activity:changed', a); // DOM + onEvent: one event
  w.fire('activity:changed', a, 'callback'); // a new event through onEvent only
  w.fire('activity:changed', a); // and a new one the usual way
  assert.strictEqual(parsed().length, 3);
});

test('the same object under two names is two events', () => {
  const { w, parsed } = setup();
  const user = { id: 'U' };
  w.fire('profile:clicked', user);
  w.fire('user_signout:clicked', user);
  assert.deepStrictEqual(parsed().map((m) => m.name), ['profile:clicked', 'user_signout:clicked']);
});

test('an already-built envelope (data.data) is still de-duplicated', () => {
  const { w, parsed } = setup();
  const envelope = { resource: 'messages', event: 'created', data: { id: 'M' } };
  w.fire('messages:created', envelope);
  const msgs = parsed();
  assert.strictEqual(msgs.length, 1);
  assert.deepStrictEqual(msgs[0].detail, envelope);
});

test('the onEvent detail being the very same object as the DOM detail is de-duplicated', () => {
  const { w, bridge, posted } = setup();
  const detail = formatEventDetails('rooms:read', { id: 'R' });
  w.el.dispatchEvent(new CustomEvent('rooms:read', { detail }));
  bridge.onEvent('rooms:read', detail);
  assert.strictEqual(posted.length, 1);
});

test('outside the window the same object counts as a new event; window 0 turns dedupe off', () => {
  let now = 1000;
  const { w, bridge, posted } = setup({ now: () => now, dedupeWindowMs: 50 });
  const data = { id: 'M' };
  w.el.dispatchEvent(new CustomEvent('messages:created', { detail: formatEventDetails('messages:created', data) }));
  now += 51;
  bridge.onEvent('messages:created', formatEventDetails('messages:created', data));
  assert.strictEqual(posted.length, 2);

  const off = setup({ dedupeWindowMs: 0 });
  off.w.fire('messages:created', { id: 'M' });
  assert.strictEqual(off.posted.length, 2);
});

test('two onEvent calls (same source) are never merged', () => {
  const { bridge, posted } = setup();
  const data = { id: 'M' };
  bridge.onEvent('messages:created', data);
  bridge.onEvent('messages:created', data);
  assert.strictEqual(posted.length, 2);
});

test('one Event object seen twice (re-dispatched, or by two listeners) is posted once', () => {
  const { w, posted } = setup();
  const ev = new CustomEvent('rooms:read', { detail: formatEventDetails('rooms:read', { id: 'R' }) });
  w.el.dispatchEvent(ev);
  w.el.dispatchEvent(ev);
  assert.strictEqual(posted.length, 1);
});

test('attach: three-part and unknown names are caught through dispatchEvent; plain events ignored', () => {
  const { w, parsed } = setup();
  w.fire('calls:memberships:notified', { roomId: 'R', call: { id: 'c', state: 'NOTIFIED', huge: [1, 2, 3] } });
  w.fire('spaces:pinned', { id: 'R' });
  w.el.dispatchEvent(new Event('click'));
  w.el.dispatchEvent(new CustomEvent('not a widget name', { detail: {} }));
  const msgs = parsed();
  assert.deepStrictEqual(msgs.map((m) => m.name), ['calls:memberships:notified', 'spaces:pinned']);
  assert.deepStrictEqual(msgs[0].detail, { resource: 'calls', event: 'memberships', data: { roomId: 'R', call: { id: 'c', state: 'NOTIFIED' } } });
});

test('attach options: intercept off, custom event list, accept filter', () => {
  const c = collecting();
  const el = new EventTarget();
  c.bridge.attach(el, { intercept: false, events: ['messages:created'] });
  el.dispatchEvent(new CustomEvent('messages:created', { detail: { resource: 'messages', event: 'created', data: {} } }));
  el.dispatchEvent(new CustomEvent('rooms:read', { detail: {} }));
  el.dispatchEvent(new CustomEvent('calls:memberships:notified', { detail: {} }));
  assert.deepStrictEqual(c.parsed().map((m) => m.name), ['messages:created']);

  const d = collecting();
  const el2 = new EventTarget();
  d.bridge.attach(el2, { accept: (n) => n.startsWith('x:'), extraEvents: ['custom:thing'] });
  el2.dispatchEvent(new CustomEvent('x:y', { detail: {} }));
  el2.dispatchEvent(new CustomEvent('z:y', { detail: {} }));
  el2.dispatchEvent(new CustomEvent('custom:thing', { detail: {} }));
  assert.deepStrictEqual(d.parsed().map((m) => m.name), ['x:y', 'custom:thing']);
});

test('detach removes the listeners and restores dispatchEvent; attach is idempotent', () => {
  const { w, posted, detach, bridge } = setup();
  assert.strictEqual(bridge.attach(w.el), detach, 'second attach returns the same detach');
  assert.ok(Object.prototype.hasOwnProperty.call(w.el, 'dispatchEvent'));
  detach();
  detach();
  assert.ok(!Object.prototype.hasOwnProperty.call(w.el, 'dispatchEvent'));
  w.fire('messages:created', { id: 'M' }, 'dom');
  w.fire('spaces:pinned', { id: 'M' }, 'dom');
  assert.strictEqual(posted.length, 0);
});

test('makeOnEvent chains the page\'s own handler', () => {
  const c = collecting();
  const calls = [];
  const cb = c.bridge.makeOnEvent((name, detail) => { calls.push([name, detail.data.id]); return 'page'; });
  assert.strictEqual(cb('messages:created', { resource: 'messages', event: 'created', data: { id: 'M' } }), 'page');
  assert.deepStrictEqual(calls, [['messages:created', 'M']]);
  assert.strictEqual(c.posted.length, 1);
  assert.doesNotThrow(() => c.bridge.makeOnEvent()('a:b', {}));
});

test('the bridge works with the fixture events end to end in Node', () => {
  const fixtures = require('../page/fixtures.js');
  const { w, parsed, errors } = setup();
  const events = fixtures.buildEvents(fixtures.fakeEnv());
  for (const e of events) {
    if (e.before) e.before();
    w.fire(e.name, e.data, e.via);
  }
  const msgs = parsed();
  assert.deepStrictEqual(msgs.map((m) => m.name), events.map((e) => e.name));
  msgs.forEach((m, i) => events[i].expect(m, assert));
  assert.deepStrictEqual(errors.map((e) => e.code), ['W_TRUNCATED']);
});
