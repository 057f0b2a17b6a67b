'use strict';
// Shared helpers for the unit tests: plain objects standing in for browsers and channels.
const Bridge = require('../../bridge.js');

// Node 18 has EventTarget and Event but no global CustomEvent (Node 19+ has it).
if (typeof globalThis.CustomEvent === 'undefined') {
  globalThis.CustomEvent = class CustomEvent extends Event {
    constructor(type, init = {}) {
      super(type, init);
      this.detail = init.detail === undefined ? null : init.detail;
    }
  };
}

// What the widget's withBrowserGlobals wrapper does with (name, data).
function formatEventDetails(name, data) {
  const [resource, event] = name.split(':');
  const details = { resource, event, data };
  if (data.actorId) details.actorId = data.actorId;
  if (data.action) details.action = data.action;
  return details;
}

// A widget element (Node 20 has EventTarget and CustomEvent) and the widget's two deliveries.
function makeWidget() {
  const el = new EventTarget();
  const widget = {
    el,
    onEvent: null,
    fire(name, data, via = 'both') {
      if (via === 'both' || via === 'dom') {
        const detail = data.data ? data : formatEventDetails(name, data);
        el.dispatchEvent(new CustomEvent(name, { detail }));
      }
      if ((via === 'both' || via === 'callback') && widget.onEvent) {
        widget.onEvent(name, formatEventDetails(name, data));
      }
    }
  };
  return widget;
}

// A bridge posting into an array, with errors collected.
function collecting(extra = {}) {
  const posted = [];
  const errors = [];
  const bridge = Bridge.create(Object.assign({
    post: (text) => { posted.push(text); },
    onError: (e) => errors.push(e),
    window: {}
  }, extra));
  return { bridge, posted, errors, parsed: () => posted.map((t) => JSON.parse(t)) };
}

module.exports = { Bridge, formatEventDetails, makeWidget, collecting };
