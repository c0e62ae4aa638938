// The provider's and the buyer's views.
import { useEffect, useState } from 'preact/hooks';
import { flows, market, allPages, deliveryMasterFrom, deliveryMasterFromPassphrase, legacyDeliveryKeypairFromPassphrase, nextDeliveryKeypair, deliveryKeypairFor, passphraseWeakness, openDelivery, isSealed } from '@cityzen/sdk';
import { blake2AsHex } from '@polkadot/util-crypto';
import { PURPOSES, CLASSES } from '@cityzen/sdk';
import { html, useTx, Section } from './ui.js';
import { t } from './i18n.js';
import { czn, plancks, short, signerOf } from './chain.js';
import { hexBytes } from './citizen.js';

const text = (hex) => new TextDecoder().decode(hexBytes(hex || '0x'));
const priceOf = (p) => BigInt(p.pricing.price ?? p.pricing.pricePerPeriod ?? p.pricing.floor ?? 0);


export function Provider({ api, account, lang, block }) {
  const L = (k, ...a) => t(lang, k, ...a);
  const f = flows(api);
  const [tick, setTick] = useState(0);
  const tx = useTx(lang, () => setTick((x) => x + 1));
  const [form, setForm] = useState({ metadata: 'ipfs://', file: '', size: '1048576', price: '100', share: '50', k: '3', retention: '14400', purposes: ['ResearchAndDevelopment'], classes: ['Research'] });
  const [contrib, setContrib] = useState({ product: '', lines: '' });
  const [refs, setRefs] = useState({});
  const [counters, setCounters] = useState({});
  const [data, setData] = useState(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const products = (await market(api).products({ limit: 100 })).filter((p) => p.provider === account.address);
      // What the provider has to deliver: its own orders, from the chain's provider index.
      const orders = (await allPages((p) => market(api).providerOrders(account.address, p), (o) => o.id)).filter((o) => o.state === 'Placed');
      const offers = (await api.query.escrow.offers.entries()).map(([key, o]) => ({ id: key.args[0].toNumber(), ...o.unwrap().toJSON() }))
        .filter((o) => products.some((p) => p.id === o.product));
      if (live) setData({ products, orders, offers });
    })();
    return () => { live = false; };
  }, [api, account.address, block, tick]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const toggle = (k, v) => (e) => setForm({ ...form, [k]: e.target.checked ? [...form[k], v] : form[k].filter((x) => x !== v) });
  const list = (e) => {
    e.preventDefault();
    tx.run((o) => f.listProduct(signerOf(account), {
      kind: { Batch: { contentHash: blake2AsHex(form.file || form.metadata), sizeBytes: Number(form.size) } },
      metadata: form.metadata, licenceHash: blake2AsHex('CC-BY-4.0'),
      terms: { purposes: form.purposes, classes: form.classes, pricing: { Fixed: { price: plancks(form.price) } },
        ownersShareBps: Math.round(Number(form.share) * 100), minOwners: Number(form.k), buyerLoa: 'Low', retention: Number(form.retention) },
    }, o));
  };
  const add = (e) => {
    e.preventDefault();
    const contributors = contrib.lines.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [a, w] = l.split(/[,\s]+/); return [a, Number(w || 1)]; });
    tx.run((o) => f.addContributors(signerOf(account), { product: Number(contrib.product), contributors }, o));
  };
  return html`${tx.view}
    <${Section} id="list" title=${L('listProduct')}>
      <form onSubmit=${list} class="grid">
        <label>${L('metadata')} <input value=${form.metadata} onInput=${set('metadata')} required /></label>
        <label>${L('contentHash')} <input value=${form.file} onInput=${set('file')} /></label>
        <label>${L('sizeBytes')} <input inputmode="numeric" value=${form.size} onInput=${set('size')} /></label>
        <label>${L('priceCzn')} <input inputmode="decimal" value=${form.price} onInput=${set('price')} /></label>
        <label>${L('ownersShare')} <input inputmode="numeric" value=${form.share} onInput=${set('share')} /></label>
        <label>${L('minOwners')} <input inputmode="numeric" value=${form.k} onInput=${set('k')} /></label>
        <label>${L('retentionBlocks')} <input inputmode="numeric" value=${form.retention} onInput=${set('retention')} /></label>
        <fieldset><legend>${L('purposes')}</legend>${PURPOSES.map((p) => html`<label class="check"><input type="checkbox" checked=${form.purposes.includes(p)} onChange=${toggle('purposes', p)} /> ${L(`p_${p}`)}</label>`)}</fieldset>
        <fieldset><legend>${L('whoMayBuy')}</legend>${CLASSES.map((c) => html`<label class="check"><input type="checkbox" checked=${form.classes.includes(c)} onChange=${toggle('classes', c)} /> ${L(`c_${c}`)}</label>`)}</fieldset>
        <button class="primary" type="submit" disabled=${tx.busy}>${L('list')}</button>
      </form>
    <//>
    <${Section} id="contrib" title=${L('addContributors')}>
      <form onSubmit=${add} class="grid">
        <label>${L('product')} <select value=${contrib.product} onChange=${(e) => setContrib({ ...contrib, product: e.target.value })}>
          <option value="">—</option>${(data?.products || []).map((p) => html`<option value=${p.id}>#${p.id} ${text(p.metadata)}</option>`)}</select></label>
        <label>${L('contributorsHelp')} <textarea rows="4" value=${contrib.lines} onInput=${(e) => setContrib({ ...contrib, lines: e.target.value })}></textarea></label>
        <button type="submit" disabled=${tx.busy || !contrib.product}>${L('add')}</button>
      </form>
    <//>
    <${Section} id="deliver" title=${L('toDeliver')}>
      ${!data?.orders.length ? html`<p>${L('noOrders')}</p>` : data.orders.map((o) => html`<div class="card">
        <p>${L('orderCol')} #${o.id}: ${L('product')} #${o.productId}, ${L(`p_${o.purpose}`)}, <code>${short(o.buyer)}</code>, ${czn(o.price)} CZN</p>
        <label>${L('reference')} <input value=${refs[o.id] || ''} onInput=${(e) => setRefs({ ...refs, [o.id]: e.target.value })} /></label>
        <button disabled=${tx.busy || !refs[o.id]} onClick=${() => tx.run((x) => f.deliverSealed(signerOf(account), { order: o.id, reference: refs[o.id] }, x))}>${L('deliver')}</button></div>`)}
    <//>
    <${Section} id="offers" title=${L('offers')}>
      ${!data?.offers.length ? html`<p>${L('noOrders')}</p>` : data.offers.map((o) => html`<div class="card">
        <p>#${o.id}: ${L('product')} #${o.product}, ${L(`p_${o.purpose}`)}, ${czn(BigInt(o.amount))} CZN ${o.counter ? `(${L('counter')}: ${czn(BigInt(o.counter))})` : ''}</p>
        <div class="actions"><button disabled=${tx.busy} onClick=${() => tx.run((x) => f.acceptOffer(signerOf(account), { offer: o.id }, x))}>${L('accept')}</button>
          <label>${L('amount')} <input inputmode="decimal" value=${counters[o.id] || ''} onInput=${(e) => setCounters({ ...counters, [o.id]: e.target.value })} /></label>
          <button disabled=${tx.busy || !counters[o.id]} onClick=${() => tx.run((x) => f.counterOffer(signerOf(account), { offer: o.id, amount: plancks(counters[o.id]) }, x))}>${L('counter')}</button></div></div>`)}
    <//>`;
}

export function Buyer({ api, account, lang, block }) {
  const L = (k, ...a) => t(lang, k, ...a);
  const f = flows(api);
  const m = market(api);
  const [tick, setTick] = useState(0);
  const tx = useTx(lang, () => setTick((x) => x + 1));
  const [data, setData] = useState(null);
  const [purpose, setPurpose] = useState({});
  const [opened, setOpened] = useState({});
  // The buyer's delivery master key, held in memory only: from the dev account's URI (dev
  // chains), or for an extension account (whose secret the app never sees) from a passphrase the
  // buyer types (Argon2id). Each order gets a key of its own derived from it; a delivery to an
  // order placed with the old one-key-per-buyer passphrase key is opened with that key.
  const [keys, setKeys] = useState(() => (account.uri ? Promise.resolve({ master: deliveryMasterFrom(account.uri) }) : null));
  const [pass, setPass] = useState({ text: '', busy: false, error: '' });
  const usePassphrase = async (e) => {
    e.preventDefault();
    const weak = passphraseWeakness(pass.text);
    if (weak) { setPass({ ...pass, error: weak }); return; }
    setPass({ ...pass, busy: true, error: '' });
    try {
      const text = pass.text;
      const master = await deliveryMasterFromPassphrase(account.address, text);
      setKeys(Promise.resolve({ master, legacy: () => legacyDeliveryKeypairFromPassphrase(account.address, text) }));
      setPass({ text: '', busy: false, error: '', ready: true });
    } catch (err) { setPass({ ...pass, busy: false, error: err.message }); }
  };
  // The delivery keys of the buyer's orders so far (to give the next order a new one).
  const usedKeys = async () => {
    const ids = (data?.record || []).map((o) => o.id);
    const orders = ids.length ? await api.query.escrow.orders.multi(ids) : [];
    return orders.filter((o) => o.isSome).map((o) => o.unwrap().buyerKey.toHex());
  };
  useEffect(() => {
    let live = true;
    (async () => {
      const products = (await m.products({ limit: 100 })).filter((p) => p.status === 'Active');
      const record = await m.recordOfProcessing(account.address);
      if (live) setData({ products, record });
    })();
    return () => { live = false; };
  }, [api, account.address, block, tick]);
  const order = async (p) => {
    if (!keys) return;
    const { publicKey } = await nextDeliveryKeypair((await keys).master, await usedKeys());
    // Under the terms version shown here: if the provider changed the terms since, the chain
    // refuses (escrow.TermsChanged) and the buyer sees the new ones.
    const args = { product: p.id, purpose: purpose[p.id] || p.purposes[0], buyerKey: publicKey, termsVersion: p.version };
    // Negotiated: an offer at the floor, open for 1 000 blocks; fixed or subscription (one period): an order.
    tx.run((o) => ((p.pricing.model === 'Negotiated')
      ? f.makeOffer(signerOf(account), { ...args, amount: priceOf(p), expiresAt: (block || 0) + 1000 }, o)
      : f.order(signerOf(account), { ...args, maxPrice: priceOf(p) }, o)));
  };
  const open = async (o) => {
    try {
      const { master, legacy } = await keys;
      const buyerKey = (await api.query.escrow.orders(o.id)).unwrap().buyerKey.toHex();
      const kp = (await deliveryKeypairFor(master, buyerKey, { maxIndex: (data?.record?.length || 0) + 8 }))
        || (legacy && (await legacy()));
      setOpened({ ...opened, [o.id]: await openDelivery(o.deliveryRef, kp) });
    } catch (e) { setOpened({ ...opened, [o.id]: e.message }); }
  };
  const now = block || 0;
  return html`${tx.view}
    ${account.uri ? '' : html`<${Section} id="deliverykey" title=${L('deliveryKey')}>
      <p>${L('deliveryKeyHelp')}</p>
      <form onSubmit=${usePassphrase}>
        <label>${L('passphrase')} <input type="password" autocomplete="off" minlength="12" value=${pass.text} onInput=${(e) => setPass({ ...pass, text: e.target.value })} /></label>
        <button type="submit" disabled=${pass.busy || pass.text.length < 12}>${L('usePassphrase')}</button>
      </form>
      <p role="status" data-testid="delivery-key">${pass.busy ? '…' : pass.error ? L('error', pass.error) : pass.ready ? L('deliveryKeyReady') : L('noDeliveryKey')}</p>
    <//>`}
    <${Section} id="browse" title=${L('browse')}>
      ${(data?.products || []).map((p) => html`<div class="card"><h3>#${p.id} ${text(p.metadata)}</h3>
        <p>${L('price')}: ${czn(priceOf(p))} CZN · ${L('k', p.minOwners)} · ${L('retention', p.retention)}</p>
        <label>${L('purpose')} <select value=${purpose[p.id] || p.purposes[0]} onChange=${(e) => setPurpose({ ...purpose, [p.id]: e.target.value })}>
          ${p.purposes.map((x) => html`<option value=${x}>${L(`p_${x}`)}</option>`)}</select></label>
        <button class="primary" disabled=${tx.busy || !keys} onClick=${() => order(p)}>${(p.pricing.model === 'Negotiated') ? L('offer') : L('order')}</button></div>`)}
    <//>
    <${Section} id="record" title=${L('myRecord')}>
      <div class="scroll" tabindex="0" role="region" aria-label=${L('myRecord')}><table><thead><tr><th scope="col">${L('orderCol')}</th><th scope="col">${L('product')}</th><th scope="col">${L('purpose')}</th><th scope="col">${L('stateCol')}</th><th scope="col">${L('deleteBy')}</th><th scope="col"></th></tr></thead>
      <tbody>${(data?.record || []).map((o) => html`<tr><td>#${o.id}</td><td>#${o.productId}</td><td>${L(`p_${o.purpose}`)}</td><td>${L(`o_${o.state}`)}</td><td>${o.retentionDue ?? ''}</td><td class="actions">
        ${o.state === 'Delivered' ? html`<button disabled=${tx.busy} onClick=${() => tx.run((x) => f.confirm(signerOf(account), { order: o.id }, x))}>${L('confirm')}</button>
          <button disabled=${tx.busy} onClick=${() => tx.run((x) => f.dispute(signerOf(account), { order: o.id, reasonHash: blake2AsHex(`dispute ${o.id}`) }, x))}>${L('dispute')}</button>` : ''}
        ${o.deliveryRef && isSealed(o.deliveryRef) && keys ? html`<button onClick=${() => open(o)}>${L('open')}</button>` : ''}
        ${opened[o.id] ? html`<code>${opened[o.id]}</code>` : ''}</td></tr>`)}</tbody></table></div>
    <//>
    <${Section} id="due" title=${L('deletionsDue')}>
      <ul class="plain">${(data?.record || []).filter((o) => o.retentionDue !== null && o.deletionAttested === null).map((o) => html`<li>#${o.id}: ${L('deleteBy')} ${o.retentionDue}${o.retentionDue <= now ? ' ⚠' : ''}
        <button disabled=${tx.busy} onClick=${() => tx.run((x) => f.attestDeletion(signerOf(account), { order: o.id, proofHash: blake2AsHex(`deleted ${o.id}`) }, x))}>${L('attest')}</button></li>`)}</ul>
    <//>`;
}
