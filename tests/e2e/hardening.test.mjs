// End-to-end: fee-less calls cannot be spammed (every included free call counts, failed or not;
// past the allowance a zero-balance owner is refused with the documented code), and the
// `market_*` error contract (unknown product in consentStatus/hasAccess, pruned state).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, waitFinalized, rpc } from './lib/node.mjs';

/** The allowance of the runtime (runtime/src/configs/marketplace.rs FREE_CALLS_PER_PERIOD). */
const FREE_CALLS = 20;
/** InvalidTransaction::Custom code FREE_CALLS_EXHAUSTED (cityzen-primitives). */
const FREE_CALLS_EXHAUSTED = 1;

let node;
let pruned;
let api;
let citizen;

/** One raw JSON-RPC call over HTTP; resolves with `{ result }` or `{ error }`. */
async function call(port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(10_000),
  });
  return res.json();
}

const bestNumber = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  node = await startNode();
  // A node that keeps the state of only the last 4 finalized blocks.
  pruned = await startNode({ args: ['--dev', '--tmp', '--state-pruning', '4'] });
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true, throwOnConnect: true });
  await cryptoWaitReady();
  citizen = new Keyring({ type: 'sr25519' }).addFromUri('//Citizen12');
  await waitFinalized(node, 1);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
  if (pruned) await pruned.stop();
});

test('25 failing fee-less calls sent at once: 20 are included and counted, no block holds more; the 21st is refused as "free calls exhausted"', { timeout: 120_000 }, async () => {
  assert.equal((await api.query.system.account(citizen.address)).data.free.toBigInt(), 0n, 'a zero-balance owner');
  const start = await bestNumber();
  // All signed before any is sent; the pool accepts them all (each validates against the best
  // block, where no free call is used yet).
  const signed = [];
  for (let nonce = 0; nonce < 25; nonce += 1) {
    signed.push(await api.tx.consent.withdrawAll().signAsync(citizen, { nonce }));
  }
  const accepted = await Promise.all(signed.map((tx) => call(node.rpcPort, 'author_submitExtrinsic', [tx.toHex()])));
  assert.ok(accepted.every((a) => a.result), JSON.stringify(accepted.find((a) => a.error)));
  // Wait until the account's nonce stops moving (the rest are dropped as invalid).
  let nonce = -1;
  for (let stable = 0; stable < 3;) {
    await sleep(3_000);
    const n = (await api.rpc.system.accountNextIndex(citizen.address)).toNumber();
    stable = n === nonce ? stable + 1 : 0;
    nonce = n;
  }
  assert.equal(nonce, FREE_CALLS, 'exactly the allowance was included');
  // Count per block, from the chain.
  const end = await bestNumber();
  let included = 0;
  let maxPerBlock = 0;
  for (let n = start; n <= end; n += 1) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
    let inBlock = 0;
    block.block.extrinsics.forEach((xt, i) => {
      if (!xt.isSigned || xt.signer.toString() !== citizen.address) return;
      inBlock += 1;
      const failed = events.find(({ phase, event }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(i) && api.events.system.ExtrinsicFailed.is(event));
      assert.ok(failed, 'each withdrawAll fails: nothing to withdraw');
      const err = api.registry.findMetaError(failed.event.data.dispatchError.asModule);
      assert.equal(`${err.section}.${err.name}`, 'consent.NothingToWithdraw');
      assert.ok(events.some(({ phase, event }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(i) && api.events.skipFeelessPayment.FeeSkipped.is(event)), 'fee-less');
    });
    included += inBlock;
    maxPerBlock = Math.max(maxPerBlock, inBlock);
  }
  assert.equal(included, FREE_CALLS);
  assert.ok(maxPerBlock <= FREE_CALLS);
  console.log(`free calls: ${included} included of 25 sent, at most ${maxPerBlock} in one block`);
  const used = (await api.query.credentials.freeCallsUsed(citizen.address)).unwrap();
  assert.equal(used.used.toNumber(), FREE_CALLS, 'every failing call used a free call');
  assert.equal((await api.query.system.account(citizen.address)).data.free.toBigInt(), 0n, 'nothing was charged');
  // The 21st in this hour: refused by the pool with the documented code.
  const next = await api.tx.consent.withdrawConsent(0).signAsync(citizen, { nonce: FREE_CALLS });
  const refused = await call(node.rpcPort, 'author_submitExtrinsic', [next.toHex()]);
  assert.equal(refused.error?.code, 1010, JSON.stringify(refused));
  assert.match(JSON.stringify(refused.error.data), new RegExp(`Custom error: ${FREE_CALLS_EXHAUSTED}`));
});

test('market_consentStatus and market_hasAccess answer 1002 for an unknown product, with its id as a number or a string', { timeout: 30_000 }, async () => {
  for (const id of [9_999, '9999']) {
    const status = await call(node.rpcPort, 'market_consentStatus', [citizen.address, id, 'Statistics']);
    assert.equal(status.error?.code, 1002, JSON.stringify(status));
    assert.match(status.error.message, /unknown product 9999/);
    const access = await call(node.rpcPort, 'market_hasAccess', [citizen.address, id]);
    assert.equal(access.error?.code, 1002, JSON.stringify(access));
  }
  for (const bad of ['0x1', '-1', ' 1', '1.0', '18446744073709551616']) {
    assert.equal((await call(node.rpcPort, 'market_product', [bad])).error?.code, -32602, bad);
  }
});

test('a block whose state was pruned answers 1001, as an unknown block does', { timeout: 120_000 }, async () => {
  await waitFinalized(pruned, 10);
  const first = await rpc(pruned.rpcPort, 'chain_getBlockHash', [1]);
  const best = await rpc(pruned.rpcPort, 'chain_getBlockHash', []);
  assert.equal((await call(pruned.rpcPort, 'market_kpis', [best])).result?.ordersPlaced, 0, 'a recent block answers');
  const answer = await call(pruned.rpcPort, 'market_kpis', [first]);
  assert.equal(answer.error?.code, 1001, JSON.stringify(answer));
  assert.match(answer.error.message, /pruned/);
  // The header is still there: the node knows the block, only its state is gone.
  assert.ok(await rpc(pruned.rpcPort, 'chain_getHeader', [first]));
  assert.equal((await call(pruned.rpcPort, 'market_kpis', [`0x${'00'.repeat(32)}`])).error?.code, 1001);
});
