// Submitting extrinsics as a dApp does, shared by the e2e tests.

/**
 * Signs `tx` with `signer` and sends it; resolves with `{ events, blockHash }` (hash as hex) once
 * it is in a block; rejects with `section.Name` of the module error (e.g. `escrow.TooFewOwners`),
 * or the dispatch error's text, or the pool's refusal.
 */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (!status.isInBlock) return;
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name } = api.registry.findMetaError(dispatchError.asModule);
          reject(new Error(`${section}.${name}`));
        } else {
          reject(new Error(dispatchError.toString()));
        }
        return;
      }
      resolve({ events, blockHash: status.asInBlock.toHex() });
    }).catch(reject);
  });
}
