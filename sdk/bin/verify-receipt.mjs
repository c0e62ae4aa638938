#!/usr/bin/env node
// Checks a consent receipt file against the chain: `cityzen-verify-receipt receipt.json [ws://node] [--at 0xblockhash]`.
// Prints the receipt's hash (BLAKE2b-256 of its RFC 8785 canonical bytes) and, with a node,
// whether it is the one the owner's consent record holds. Exit code 0: it is; 1: it is not; 2: usage.
import { readFileSync } from 'node:fs';
import { connect, receiptHash, verifyReceipt } from '../src/index.js';

const args = process.argv.slice(2);
const atIndex = args.indexOf('--at');
const at = atIndex >= 0 ? args.splice(atIndex, 2)[1] : null;
const [file, url] = args;
if (!file) {
  console.error('usage: cityzen-verify-receipt receipt.json [ws://127.0.0.1:9944] [--at 0xblockhash]');
  process.exit(2);
}
const receipt = JSON.parse(readFileSync(file, 'utf8'));
console.log(`receipt hash: ${receiptHash(receipt)}`);
if (!url) process.exit(0);
const api = await connect(url);
try {
  const r = await verifyReceipt(api, receipt, { at });
  console.log(`on chain:     ${r.onChain ?? '(no consent record)'}`);
  console.log(`consent:      ${r.state ?? '-'}${r.live ? ' (live)' : ''}`);
  console.log(r.ok ? 'VERIFIED: this is the receipt of the consent on chain' : `NOT VERIFIED: ${r.problems.join('; ')}`);
  process.exitCode = r.ok ? 0 : 1;
} finally {
  await api.disconnect();
}
