// The app's link to the chain: connection, accounts (extension, or dev accounts on a dev chain), formatting.
import { connect, UNIT } from '@cityzen/sdk';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** Dev accounts: well-known public test keys, derived in memory, never stored or sent. */
export const DEV_URIS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie',
  ...Array.from({ length: 12 }, (_, i) => `//Citizen${String(i + 1).padStart(2, '0')}`)];

export async function open(url, timeoutMs = 20_000) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs); });
  const api = await Promise.race([connect(url), late]).finally(() => clearTimeout(timer));
  const type = await api.rpc.system.chainType();
  return { api, dev: type.isDevelopment || type.isLocal };
}

/** Accounts to sign with: the extension's (if present), and on a dev chain the dev accounts. */
export async function loadAccounts(dev) {
  const out = [];
  try {
    if (globalThis.injectedWeb3 && Object.keys(globalThis.injectedWeb3).length) {
      const { web3Enable, web3Accounts, web3FromAddress } = await import('@polkadot/extension-dapp');
      await web3Enable('CityZEN');
      for (const a of await web3Accounts()) {
        const injector = await web3FromAddress(a.address);
        out.push({ address: a.address, name: a.meta.name || a.address.slice(0, 8), kind: 'ext', signer: injector.signer });
      }
    }
  } catch { /* no extension, or the user declined */ }
  if (dev) {
    await cryptoWaitReady();
    const k = new Keyring({ type: 'sr25519' });
    for (const uri of DEV_URIS) {
      const pair = k.addFromUri(uri);
      out.push({ address: pair.address, name: uri.slice(2), kind: 'dev', pair, uri });
    }
  }
  return out;
}

/** What `send` signs with for an app account. */
export const signerOf = (acct) => (acct.kind === 'dev' ? acct.pair : { address: acct.address, signer: acct.signer });

/** Plancks as CZN, exact (no rounding): 8166666666666n → "8.166666666666". */
export function czn(v) {
  const b = BigInt(v);
  const neg = b < 0n;
  const a = neg ? -b : b;
  const frac = (a % UNIT).toString().padStart(12, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / UNIT}${frac ? `.${frac}` : ''}`;
}
/** CZN text to plancks ("1.5" → 1500000000000n). */
export function plancks(text) {
  const m = /^\s*(\d+)(?:\.(\d{1,12}))?\s*$/.exec(String(text));
  if (!m) throw new RangeError(`not an amount: ${text}`);
  return BigInt(m[1]) * UNIT + BigInt((m[2] || '').padEnd(12, '0') || '0');
}
export const short = (addr) => (addr ? `${addr.slice(0, 6)}…${addr.slice(-4)}` : '');
