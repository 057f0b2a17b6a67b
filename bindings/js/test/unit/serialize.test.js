'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Bridge } = require('./helpers');
const fixtures = require('../page/fixtures.js');

const ser = (name, detail, opts) => {
  const r = Bridge.serializeEvent(name, detail, opts);
  assert.ok(r.ok, r.error && r.error.message);
  return JSON.parse(r.text);
};

test('envelope: keeps the full three-part name; detail keeps two parts', () => {
  const data = { actorId: 'A', roomId: 'R' };
  const msg = ser('calls:memberships:notified', { resource: 'calls', event: 'memberships', actorId: 'A', data });
  assert.deepStrictEqual(msg, { name: 'calls:memberships:notified', detail: { resource: 'calls', event: 'memberships', actorId: 'A', data } });
});

test('envelope: raw data is wrapped like the widget does, lifting actorId and action', () => {
  const msg = ser('rooms:selected', { id: 'R', actorId: 'A', action: 'call' });
  assert.deepStrictEqual(msg.detail, { resource: 'rooms', event: 'selected', data: { id: 'R', actorId: 'A', action: 'call' }, actorId: 'A', action: 'call' });
  assert.deepStrictEqual(ser('add:clicked', undefined).detail, { resource: 'add', event: 'clicked', data: {} });
  assert.deepStrictEqual(ser('message.received', { x: 1 }).detail, { resource: 'message.received', data: { x: 1 } });
  const raw = Bridge.serializeEvent('a:b', { x: 1 }, { wrapRawData: false });
  assert.deepStrictEqual(JSON.parse(raw.text), { name: 'a:b', detail: { x: 1 } });
});

test('cycles are broken, shared (non-cyclic) objects are kept', () => {
  const a = { id: 'a' };
  a.self = a;
  const shared = { v: 1 };
  const data = { a, list: [a, shared, shared] };
  data.back = data;
  const r = Bridge.serializeEvent('x:y', { resource: 'x', event: 'y', data });
  assert.ok(r.ok);
  assert.ok(r.cycles >= 3);
  assert.deepStrictEqual(JSON.parse(r.text).detail.data, { a: { id: 'a' }, list: [{ id: 'a' }, { v: 1 }, { v: 1 }] });
});

test('functions, symbols and undefined are dropped; arrays keep positions with null', () => {
  const sym = Symbol('s');
  const data = { f() {}, s: sym, u: undefined, [sym]: 1, keep: 1, arr: [1, () => 2, undefined, sym, 3] };
  assert.deepStrictEqual(ser('x:y', data).detail.data, { keep: 1, arr: [1, null, null, null, 3] });
});

test('DOM nodes, Window objects, DOM events and binary buffers are dropped', () => {
  const node = { nodeType: 1, nodeName: 'DIV', ownerDocument: null, children: [] };
  const doc = { nodeType: 9, nodeName: '#document' };
  const win = { document: doc };
  win.window = win;
  const event = { type: 'click', target: node, preventDefault() {}, stopPropagation() {} };
  const data = { node, doc, win, event, buf: new ArrayBuffer(8), view: new Uint8Array(4), list: [node, 'x'], keep: 'y' };
  assert.deepStrictEqual(ser('x:y', data).detail.data, { list: [null, 'x'], keep: 'y' });
});

test('a cross-origin window proxy (every access throws) is dropped', () => {
  const hostile = new Proxy({}, { get() { throw new Error('SecurityError'); }, ownKeys() { throw new Error('SecurityError'); } });
  assert.deepStrictEqual(ser('x:y', { frame: hostile, ok: 1 }).detail.data, { ok: 1 });
});

test('BigInt becomes a decimal string; NaN and Infinity become null', () => {
  const data = { big: 2n ** 70n, neg: -5n, nan: NaN, inf: -Infinity, n: 1.5 };
  assert.deepStrictEqual(ser('x:y', data).detail.data, { big: '1180591620717411303424', neg: '-5', nan: null, inf: null, n: 1.5 });
});

test('toJSON is honoured (Date), throwing toJSON and getters drop only their value', () => {
  const data = {
    when: new Date(Date.UTC(2021, 2, 4, 17, 33, 56, 767)),
    bad: new Date(NaN),
    model: { toJSON() { return { serialised: true }; } },
    broken: { toJSON() { throw new Error('no'); } },
    get explodes() { throw new Error('getter'); },
    fine: 'yes'
  };
  assert.deepStrictEqual(ser('x:y', data).detail.data, { when: '2021-03-04T17:33:56.767Z', bad: null, model: { serialised: true }, fine: 'yes' });
});

test('Map, Set and Error become plain JSON', () => {
  const data = { m: new Map([['a', 1], [2, 'b']]), s: new Set([1, 'x']), e: new TypeError('boom') };
  assert.deepStrictEqual(ser('x:y', data).detail.data, { m: { a: 1, 2: 'b' }, s: [1, 'x'], e: { name: 'TypeError', message: 'boom' } });
});

test('a "__proto__" own key survives as data and does not change the prototype', () => {
  const data = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}');
  const r = Bridge.serializeEvent('x:y', data);
  assert.match(r.text, /"__proto__":\{"polluted":true\}/);
  assert.strictEqual({}.polluted, undefined);
});

test('non-ASCII text is kept; lone surrogates become U+FFFD', () => {
  const text = fixtures.NON_ASCII;
  const r = Bridge.serializeEvent('messages:created', { text, bad: 'a\uD800b\uDC00c', key: { ['k\uDBFF']: 1 } });
  const msg = JSON.parse(r.text);
  assert.strictEqual(msg.detail.data.text, 'caf\u00e9 \u65e5\u672c\u8a9e \uD83D\uDE00 \uD83D\uDC69\u200D\uD83D\uDCBB');
  assert.strictEqual(msg.detail.data.bad, 'a\uFFFDb\uFFFDc');
  assert.deepStrictEqual(msg.detail.data.key, { 'k\uFFFD': 1 });
  assert.ok(!/\\ud[89a-f]/i.test(r.text), 'no surrogate escapes in the text');
  assert.strictEqual(r.bytes, Buffer.byteLength(r.text, 'utf8'));
});

test('utf8Length matches Buffer.byteLength', () => {
  for (const s of ['', 'abc', '\u00e9', '\u65e5', '\uD83D\uDE00', fixtures.NON_ASCII, 'x\uD800', '\uDC00y']) {
    assert.strictEqual(Bridge.utf8Length(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
  }
});

test('call summary: only id, status, state, direction, locusUrl, correlationId, strings only', () => {
  class Call {
    constructor() {
      this._s = 'ringing';
      this.id = 'call-1';
      this.direction = 'in';
      this.locusUrl = 'https://locus-a.wbx2.com/locus/api/v1/loci/1';
      this.correlationId = 42; // not a string: left out
      this.peer = { call: this };
      this.hangup = () => {};
    }
    get status() { return this._s; } // prototype getter, like ampersand-state
    get state() { throw new Error('gone'); }
  }
  const call = new Call();
  const msg = ser('calls:created', { resource: 'calls', event: 'created', data: { roomId: 'R', call } });
  assert.deepStrictEqual(msg.detail.data.call, { id: 'call-1', status: 'ringing', direction: 'in', locusUrl: 'https://locus-a.wbx2.com/locus/api/v1/loci/1' });
  assert.deepStrictEqual(Bridge.summarizeCall({ state: 'JOINED', other: 1 }), { state: 'JOINED' });
});

test('call summary also applies to raw data (wrapped first); placeholders and null stay', () => {
  const call = { id: 'c', state: 'IDLE', huge: new Array(100000).fill({ x: 1 }) };
  assert.deepStrictEqual(ser('calls:connected', { roomId: 'R', call }).detail.data.call, { id: 'c', state: 'IDLE' });
  assert.strictEqual(ser('calls:created', { call: '[Call Object]' }).detail.data.call, '[Call Object]');
  assert.strictEqual(ser('calls:created', { call: null }).detail.data.call, null);
  // Only detail.data.call is summarised; a `call` key elsewhere is ordinary data.
  assert.deepStrictEqual(ser('x:y', { other: { call: { id: 'c', extra: 1 } } }).detail.data.other.call, { id: 'c', extra: 1 });
});

test('maxDepth: deeper values are left out', () => {
  let deep = { leaf: true };
  for (let i = 0; i < 100; i++) deep = { d: deep };
  const msg = ser('x:y', deep, { maxDepth: 10 });
  let v = msg.detail.data;
  let depth = 0;
  while (v && v.d) { v = v.d; depth++; }
  assert.ok(depth < 10, `depth ${depth}`);
});

test('size cap: long strings are truncated (default) and the result fits', () => {
  const data = { id: 'Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk', text: '\uD83D\uDE00'.repeat(100000), html: 'h'.repeat(50000) };
  const r = Bridge.serializeEvent('messages:created', data, { maxBytes: 64 * 1024 });
  assert.ok(r.ok);
  assert.ok(r.bytes <= 64 * 1024 && r.bytes > 60 * 1024, String(r.bytes));
  assert.strictEqual(r.bytes, Buffer.byteLength(r.text));
  assert.strictEqual(r.truncated, 1 + (JSON.parse(r.text).detail.data.html.length < 50000 ? 1 : 0));
  const msg = JSON.parse(r.text);
  assert.strictEqual(msg.detail.data.id, data.id);
  assert.ok(msg.detail.data.text.endsWith('\u2026'));
  assert.ok(!/[\uD800-\uDBFF]\u2026$/.test(msg.detail.data.text), 'no split surrogate pair');
});

test('size cap: oversize "drop" refuses; too many values refuse quickly', () => {
  const r = Bridge.serializeEvent('x:y', { text: 'x'.repeat(2000) }, { maxBytes: 1024, oversize: 'drop' });
  assert.strictEqual(r.ok, false);
  assert.strictEqual(r.error.code, 'E_TOO_LARGE');
  const many = { list: new Array(1e6).fill(1) };
  const t0 = Date.now();
  const r2 = Bridge.serializeEvent('x:y', many, { maxBytes: 4096 });
  assert.strictEqual(r2.ok, false);
  assert.strictEqual(r2.error.code, 'E_TOO_LARGE');
  assert.ok(Date.now() - t0 < 2000);
  const sparse = [];
  sparse.length = 2 ** 31;
  assert.strictEqual(Bridge.serializeEvent('x:y', { sparse }).error.code, 'E_TOO_LARGE');
});

test('every fixture event serialises to valid JSON and meets its expectations', () => {
  const events = fixtures.buildEvents(fixtures.fakeEnv());
  for (const e of events) {
    if (e.before) e.before();
    const r = Bridge.serializeEvent(e.name, e.data);
    assert.ok(r.ok, `${e.name}: ${r.error && r.error.message}`);
    const msg = JSON.parse(r.text);
    assert.strictEqual(msg.name, e.name);
    e.expect(msg, assert);
    assert.strictEqual(r.truncated > 0, Boolean(e.truncated), e.name);
  }
});

test('fixture ids are the real unpadded base64url encoding', () => {
  assert.strictEqual(fixtures.ID.userA, 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ');
  assert.strictEqual(fixtures.ID.room, 'Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0');
  for (const id of Object.values(fixtures.ID)) {
    assert.match(id, /^[A-Za-z0-9_-]+$/);
    assert.match(Buffer.from(id, 'base64url').toString(), /^ciscospark:\/\/us\/[A-Z_]+\/.+/);
  }
});
