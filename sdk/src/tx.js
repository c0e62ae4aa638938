// Sending a transaction and following it to inclusion (or finality), with progress and errors in words.
import { ChainError, dispatchErrorOf } from './errors.js';

/**
 * Progress stages reported to `onStatus`, in order: `signing` (waiting for the signer, e.g.
 * the browser extension), `submitted` (the pool accepted it), `inBlock`, `finalized`, each once.
 */
export const STAGES = Object.freeze(['signing', 'submitted', 'inBlock', 'finalized']);

/** A keyring pair (`sign` method) or `{ address, signer }` from `@polkadot/extension-dapp`. */
function signArgs(account) {
  if (account && typeof account.sign === 'function') return [account, {}];
  if (account && account.address && account.signer) return [account.address, { signer: account.signer }];
  throw new TypeError('account: a keyring pair, or { address, signer } from the extension');
}

/** Events as plain `{ section, method, data }` with `data` as JSON (what a UI shows). */
export function plainEvents(events) {
  return events.map(({ event }) => ({ section: event.section, method: event.method, data: event.data.toJSON() }));
}

/**
 * Signs `tx` as `account` and sends it. Resolves once it is in a block (or finalized, with
 * `{ finalized: true }`) with `{ blockHash, blockNumber, events, find(section, method) }`;
 * rejects with a {@link ChainError}: `module` (the pallet's error name and documentation),
 * `dispatch`, or `pool` (refused, dropped, invalid: never silently lost).
 */
export function send(api, tx, account, { onStatus = () => {}, finalized = false } = {}) {
  const [signer, options] = signArgs(account);
  const seen = new Set();
  const report = (stage, hash) => {
    if (seen.has(stage)) return;
    seen.add(stage);
    onStatus(stage, hash);
  };
  return new Promise((resolve, reject) => {
    let unsub = null;
    let settled = false;
    let included = null;
    const done = (fn, value) => {
      if (settled) return;
      settled = true;
      if (unsub) unsub();
      fn(value);
    };
    const result = async (blockHash, events) => {
      const header = await api.rpc.chain.getHeader(blockHash);
      return {
        blockHash,
        blockNumber: header.number.toNumber(),
        events,
        find: (section, method) => events.find(({ event }) => event.section === section && event.method === method)?.event,
      };
    };
    report('signing');
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (settled) return;
      if (status.isReady || status.isBroadcast) report('submitted');
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        done(reject, new ChainError({ kind: 'pool', reason: `transaction ${status.type.toLowerCase()}` }));
        return;
      }
      if (status.isInBlock && !included) {
        const blockHash = status.asInBlock.toHex();
        included = blockHash;
        report('inBlock', blockHash);
        if (dispatchError) {
          done(reject, dispatchErrorOf(api, dispatchError, blockHash, events));
          return;
        }
        if (!finalized) result(blockHash, events).then((r) => done(resolve, r), (e) => done(reject, e));
      }
      if (status.isFinalized) {
        const blockHash = status.asFinalized.toHex();
        report('finalized', blockHash);
        if (dispatchError) {
          done(reject, dispatchErrorOf(api, dispatchError, blockHash, events));
          return;
        }
        result(blockHash, events).then((r) => done(resolve, r), (e) => done(reject, e));
      }
    }).then((u) => {
      unsub = u;
      if (settled) u();
    }, (e) => {
      // The pool (or the signer) refused before anything was sent: e.g. "1010: Invalid
      // Transaction: Inability to pay some fees", or the user cancelled in the extension.
      done(reject, new ChainError({ kind: 'pool', reason: e.message || String(e) }));
    });
  });
}
