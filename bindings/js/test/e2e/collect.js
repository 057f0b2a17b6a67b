#!/usr/bin/env node
'use strict';
// Produce an NDJSON file of what the bridge posts, for a native consumer to parse.
//   node test/e2e/collect.js --out events.ndjson [--via callback]
const fs = require('node:fs');
const { collectEvents, toNdjson } = require('./harness');

async function main() {
  const args = process.argv.slice(2);
  let out = 'bridge-events.ndjson';
  let via = 'callback';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') out = args[++i];
    else if (args[i] === '--via') via = args[++i];
    else throw new Error(`unknown argument ${args[i]}`);
  }
  const { results } = await collectEvents({ modes: [via] });
  const { events } = results[via];
  fs.writeFileSync(out, toNdjson(events));
  console.log(`wrote ${events.length} events to ${out}`);
}

main().catch((e) => { console.error(e.stack || e); process.exit(1); });
