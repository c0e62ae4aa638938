// Compiled by `tsc -p sdk` (offline.test.mjs): the published types describe a real use.
import { connect, flows, market, allPages, ChainError, previewSplit, receiptHash, buildReceipt, sealDelivery, deliveryMasterFromPassphrase, nextDeliveryKeypair, type Account } from '@cityzen/sdk';

export async function example(account: Account): Promise<bigint> {
  const api = await connect('ws://127.0.0.1:9944');
  const f = flows(api);
  const { productId } = await f.listProduct(account, {
    kind: { Batch: { contentHash: '0x00', sizeBytes: 1 } }, metadata: 'ipfs://x', licenceHash: '0x00',
    terms: { purposes: ['Statistics'], classes: ['Research'], pricing: { Fixed: { price: 1n } }, ownersShareBps: 5000, minOwners: 3, buyerLoa: 'Low', retention: 10 },
  });
  const product = await market(api).product(productId);
  if (!product) throw new Error('listed');
  const receipt = buildReceipt({ owner: 'x', product, purposes: ['Statistics'], controller: { name: 'n', contact: 'c' }, genesisHash: '0x00' });
  try {
    await f.giveConsent(account, { product: productId, purposes: ['Statistics'], receiptHash: receiptHash(receipt) }, { onStatus: (s) => console.log(s) });
  } catch (e) {
    if (e instanceof ChainError && e.code === 'consent.NotDataOwner') console.log(e.docs);
  }
  await sealDelivery('0x00', 'ref');
  const keys = await nextDeliveryKeypair(await deliveryMasterFromPassphrase('5x', 'a Long passphrase 1'), []);
  const m = market(api);
  const [d] = await m.disclosures('5x', { after: 3, limit: 10 });
  const [c] = await m.ownerContributions('5x', { at: '0x00' });
  const pending: bigint = BigInt((await m.ownerStatement('5x', '0x00')).pending);
  const all = await allPages((p) => m.requestResponses(1, p), (r) => r.owner);
  if (product.pricing.model === 'Fixed') console.log(BigInt(product.pricing.price));
  console.log(d?.buyerClass, d?.deletionAttested, c?.product.minOwners, c?.livePurposes, c?.consent?.live, keys.publicKey, pending, all.length);
  return previewSplit({ amount: 1n, feeBps: 200, ownersShareBps: 5000 }).owners;
}
