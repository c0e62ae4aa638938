// Errors the library throws: one class, with what went wrong in words and in fields.

/**
 * A transaction that did not succeed.
 * - `kind`: `'module'` (a pallet refused it: `section`, `name`, `docs` from the runtime's
 *   metadata, e.g. `escrow` / `TooFewOwners` / "Fewer live owners than the product's k"),
 *   `'dispatch'` (another dispatch error: `BadOrigin`, a token or arithmetic error),
 *   `'pool'` (the transaction pool refused or dropped it: `reason`), `'invalid'` (the library
 *   refused it before sending: an argument the chain cannot take, `reason`), or `'missing'` (a
 *   success without the event the helper needed).
 * - `blockHash`: where a dispatch failed (it was included and paid its fee).
 */
export class ChainError extends Error {
  constructor({ kind, section = null, name = null, docs = '', reason = null, blockHash = null, events = [] }) {
    const what = section && name ? `${section}.${name}` : reason || kind;
    super(docs ? `${what}: ${docs}` : what);
    this.kind = kind;
    this.section = section;
    this.name = 'ChainError';
    this.error = name;
    this.docs = docs;
    this.reason = reason;
    this.blockHash = blockHash;
    this.events = events;
  }

  /** `section.Name` (e.g. `consent.NotDataOwner`), or the reason for other kinds. */
  get code() {
    return this.section && this.error ? `${this.section}.${this.error}` : this.reason || this.kind;
  }
}

/** A ChainError for a dispatch error of a failed extrinsic, with the runtime's documentation. */
export function dispatchErrorOf(api, dispatchError, blockHash = null, events = []) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return new ChainError({
      kind: 'module', section: meta.section, name: meta.name, docs: meta.docs.join(' ').trim(), blockHash, events,
    });
  }
  const reason = dispatchError.isToken ? `Token.${dispatchError.asToken.type}`
    : dispatchError.isArithmetic ? `Arithmetic.${dispatchError.asArithmetic.type}` : dispatchError.type;
  return new ChainError({ kind: 'dispatch', reason, blockHash, events });
}
