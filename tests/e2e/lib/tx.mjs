// Submitting extrinsics as a dApp does: the client library's `send` (sdk/src/tx.js).
import { send } from '@cityzen/sdk';

/**
 * Signs `tx` with `signer` and sends it; resolves with `{ events, blockHash, blockNumber }` once
 * it is in a block; rejects with a ChainError whose message starts with `section.Name` of the
 * module error (e.g. `escrow.TooFewOwners`), or the dispatch error, or the pool's refusal.
 */
export function submit(api, tx, signer) {
  return send(api, tx, signer);
}
