// The citizen's view: credential, products asking for my data, consent in one click each way,
// receipts, earnings and claims, who has had data I contributed to, and data requests I may answer.
import { useEffect, useState } from 'preact/hooks';
import { flows, market, allPages, buildReceipt, receiptHash, verifyReceipt } from '@cityzen/sdk';
import { html, useTx, Section } from './ui.js';
import { t } from './i18n.js';
import { czn, short, signerOf } from './chain.js';

const receiptKey = (me, product) => `cityzen-receipt:${me}:${product}`;

// Data altruism: the approved funds, and my choice per pool of mine.
async function altruism(api, m, me, mine) {
  const funds = (await m.altruism()).funds.filter((x) => x.approved).map((x) => x.fund);
  const shares = {};
  for (const p of mine) {
    for (const purpose of p.purposes) {
      const a = await api.query.revenue.altruism([p.id, purpose], me);
      if (a.isNone) continue;
      const to = a.unwrap().to;
      shares[`${p.id}:${purpose}`] = to.isFund ? to.asFund.toString() : 'OtherOwners';
    }
  }
  return { funds, shares };
}

// Data requests: the open ones, and every one I answered.
async function requests(m, me) {
  const every = await allPages((p) => m.requests(p), (r) => r.id);
  const mine = await allPages((p) => m.ownerRequests(me, p), (a) => a.requestId);
  const byId = new Map(every.map((r) => [r.id, r]));
  const answered = new Set(mine.map((a) => a.requestId));
  return {
    openRequests: every.filter((r) => r.state === 'Open' && !answered.has(r.id)).reverse(),
    answers: mine.filter((a) => byId.has(a.requestId)).map((a) => ({ ...a, request: byId.get(a.requestId) })).reverse(),
  };
}

async function load(api, me) {
  const d = await loadOwn(api, me);
  const m = market(api);
  return { ...d, ...(await altruism(api, m, me, d.mine)), ...(await requests(m, me)) };
}

async function loadOwn(api, me) {
  const m = market(api);
  const cred = await api.query.credentials.credentials(me, 'DataOwner');
  const statement = await m.ownerStatement(me);
  // The chain's owner index and disclosures: the work is my own data.
  const mine = (await allPages((p) => m.ownerContributions(me, p), (c) => c.product.id))
    .map((c) => ({ ...c.product, weight: c.weight, consent: c.consent }));
  const disclosures = (await allPages((p) => m.disclosures(me, p), (d) => d.sale))
    .map((d) => ({ ...d, id: d.orderId, buyerClass: d.buyerClass || '', deletion: d.deletionAttested !== null }))
    .reverse();
  return { cred: cred.isSome ? cred.unwrap() : null, mine, statement, disclosures };
}

export function Citizen({ api, account, lang, block, dev }) {
  const [data, setData] = useState(null);
  const [tick, setTick] = useState(0);
  const [choice, setChoice] = useState({});
  const [checks, setChecks] = useState({});
  const [picked, setPicked] = useState({});
  const tx = useTx(lang, () => setTick((x) => x + 1));
  const me = account.address;
  const f = flows(api);
  useEffect(() => { let live = true; load(api, me).then((d) => live && setData(d)); return () => { live = false; }; }, [api, me, block, tick]);
  if (!data) return html`<p>…</p>`;
  const L = (k, ...a) => t(lang, k, ...a);
  const purposeText = (p) => html`<span title=${`dpv:${p}`}>${L(`p_${p}`)}</span>`;

  const give = async (p, renew) => {
    const purposes = (choice[p.id] || p.purposes).filter((x) => p.purposes.includes(x));
    const receipt = buildReceipt({
      owner: me, product: p, purposes, genesisHash: api.genesisHash.toHex(), language: lang === 'nb' ? 'nb' : 'en',
      controller: { name: `Provider ${p.provider}`, contact: new TextDecoder().decode(hexBytes(p.metadata)) },
    });
    const r = await tx.run((o) => (renew ? f.renewConsent : f.giveConsent)(signerOf(account), { product: p.id, purposes, receiptHash: receiptHash(receipt) }, o));
    if (r) localStorage.setItem(receiptKey(me, p.id), JSON.stringify(receipt));
  };
  const withdraw = (p) => tx.run((o) => f.withdrawConsent(signerOf(account), { product: p.id }, o));
  const download = (p) => {
    const text = localStorage.getItem(receiptKey(me, p.id));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = `consent-receipt-product-${p.id}.json`;
    a.click();
  };
  const verify = async (p) => {
    const r = await verifyReceipt(api, JSON.parse(localStorage.getItem(receiptKey(me, p.id))));
    setChecks({ ...checks, [p.id]: r });
  };
  const { cred, mine, statement, disclosures, funds, shares, openRequests, answers } = data;
  // The answer's receipt: what the owner agreed to, hashed as consent receipts are.
  const answer = (r) => tx.run((o) => f.respond(signerOf(account), {
    request: r.id,
    receiptHash: receiptHash({ kind: 'CityZEN data request answer', request: r.id, termsHash: r.termsHash, owner: me, genesisHash: api.genesisHash.toHex() }),
  }, o));
  const takeBack = (r) => tx.run((o) => f.withdrawResponse(signerOf(account), { request: r.id }, o));
  const priceText = (r) => (r.price.perOwner !== undefined ? L('perOwner', czn(r.price.perOwner)) : L('totalBudget', czn(r.price.total), r.minOwners));
  const requestFacts = (r) => html`<ul class="facts">
    <li>${L('seeker')}: <code>${short(r.seeker)}</code> (${L(`c_${r.seekerClass}`)})</li>
    <li>${L('dataAsked')}: ${r.categories.map((c) => L(`cat_${c}`)).join(', ')}</li>
    <li>${L('k', r.minOwners)}; ${L('atMost', r.maxOwners)}</li><li>${priceText(r)}</li>
    <li>${L('answerBy', r.deadline)}</li><li>${L('seekerRetention', r.retention)}</li>
  </ul>`;
  // '' = paid to me, 'OtherOwners', or a fund's address.
  const shareText = (v) => (v === '' ? L('shareMine') : v === 'OtherOwners' ? L('shareOthers') : L('shareFund', short(v)));
  const setShare = (p, purpose, v) => tx.run((o) => f.setBeneficiary(signerOf(account), {
    product: p.id, purpose, to: v === '' ? null : v === 'OtherOwners' ? 'OtherOwners' : { Fund: v },
  }, o));
  const shareChoice = (p, purpose) => {
    const key = `${p.id}:${purpose}`;
    const now = shares[key] ?? '';
    const value = picked[key] ?? now;
    const id = `share-${p.id}-${purpose}`;
    return html`<div class="share" data-testid=${id}>
      <label for=${id}>${L('myShare', L(`p_${purpose}`))}</label>
      <select id=${id} value=${value} disabled=${tx.busy} onChange=${(e) => setPicked({ ...picked, [key]: e.target.value })}>
        <option value="">${L('shareMine')}</option>
        <option value="OtherOwners">${L('shareOthers')}</option>
        ${[...new Set([...funds, ...(now && now !== 'OtherOwners' ? [now] : [])])].map((x) => html`<option value=${x}>${L('shareFund', short(x))}</option>`)}
      </select>
      <button disabled=${tx.busy || value === now} onClick=${() => setShare(p, purpose, value)}>${L('applyShare')}</button>
      <small data-testid="share-now">${L('shareNow', shareText(now))}</small>
    </div>`;
  };

  return html`
    ${tx.view}
    <${Section} id="cred" title=${L('myCredential')}>
      <p data-testid="credential">${cred ? L('credentialLine', L(`l_${cred.loa.toString()}`), short(cred.issuer.toString()), cred.issuedAt.toNumber(),
        cred.expiresAt.isSome ? L('expires', cred.expiresAt.unwrap().toNumber()) : '') : L('noCredential')}</p>
    <//>
    <${Section} id="asked" title=${L('asked')}>
      ${mine.length === 0 ? html`<p>${L('noneAsked')}</p>` : mine.map((p) => {
        // Live: given or renewed, not withdrawn or expired, the product active (the chain's `live` is per purpose).
        const live = !!p.consent && ['Given', 'Renewed'].includes(p.consent.state) && p.status === 'Active';
        return html`<article class="card" data-testid=${`product-${p.id}`}>
          <h3>${L('product')} #${p.id}: ${new TextDecoder().decode(hexBytes(p.metadata))}</h3>
          <fieldset disabled=${live || tx.busy}><legend>${L('choosePurposes')}</legend>
            ${p.purposes.map((x) => html`<label class="check"><input type="checkbox" checked=${(choice[p.id] || p.purposes).includes(x)}
              onChange=${(e) => { const cur = choice[p.id] || p.purposes; setChoice({ ...choice, [p.id]: e.target.checked ? [...cur, x] : cur.filter((y) => y !== x) }); }} /> ${purposeText(x)}</label>`)}
          </fieldset>
          <ul class="facts">
            <li>${L('whoMayBuy')}: ${p.classes.map((c) => L(`c_${c}`)).join(', ')}</li>
            <li>${L('k', p.minOwners)}</li><li>${L('retention', p.retention)}</li><li>${L('yourWeight', p.weight)}</li>
          </ul>
          <p>${L('state')}: <strong data-testid="consent-state">${p.consent ? `${L(`s_${p.consent.state}`)} (${live ? L('live') : L('notLive')})` : L('none')}</strong>
            ${p.consent && live ? html` — ${p.consent.purposes.map((x) => L(`p_${x}`)).join(', ')}` : ''}</p>
          ${live && (funds.length > 0 || Object.keys(shares).some((x) => x.startsWith(`${p.id}:`)))
            ? html`<fieldset class="shares"><legend>${L('shareHelp')}</legend>${p.consent.purposes.filter((x) => p.purposes.includes(x)).map((x) => shareChoice(p, x))}</fieldset>`
            : ''}
          <div class="actions">
            ${live
              ? html`<button class="danger" disabled=${tx.busy} onClick=${() => withdraw(p)}>${L('withdraw')}</button>
                     <button disabled=${tx.busy} onClick=${() => give(p, true)}>${L('renew')}</button>`
              : html`<button class="primary" disabled=${tx.busy} onClick=${() => give(p, p.consent && p.consent.state !== 'Withdrawn' && p.consent.state !== 'Expired')}>${L('give')}</button>`}
          </div>
        </article>`;
      })}
    <//>
    <${Section} id="consents" title=${L('myConsents')}>
      <ul class="plain">${mine.filter((p) => p.consent).map((p) => {
        const has = !!localStorage.getItem(receiptKey(me, p.id));
        return html`<li data-testid=${`receipt-${p.id}`}>${L('product')} #${p.id}: ${L(`s_${p.consent.state}`)}, ${L('receipt')} <code>${p.consent.receiptHash.slice(0, 18)}…</code>
          ${has ? html` <button onClick=${() => download(p)}>${L('download')}</button> <button onClick=${() => verify(p)}>${L('verify')}</button>` : html` (${L('noReceipt')})`}
          ${checks[p.id] ? html`<p role="status" data-testid="verify-result">${checks[p.id].ok ? L('verified', `${checks[p.id].hash.slice(0, 18)}…`) : L('notVerified', checks[p.id].problems.join('; '))}</p>` : ''}</li>`;
      })}</ul>
    <//>
    <${Section} id="earnings" title=${L('earnings')}>
      <div class="scroll" tabindex="0" role="region" aria-label=${L('earnings')}><table><caption class="sr">${L('earnings')}</caption>
        <thead><tr><th scope="col">${L('pool')}</th><th scope="col">${L('earned')}</th><th scope="col">${L('claimed')}</th><th scope="col">${L('pending')}</th></tr></thead>
        <tbody>${statement.pools.map((l) => html`<tr><td>#${l.productId} ${L(`p_${l.purpose}`)}</td><td>${czn(l.earned)}</td><td>${czn(l.claimed)}</td><td>${czn(l.pending)}</td></tr>`)}</tbody>
      </table></div>
      <p>${L('pending')}: <strong data-testid="pending">${czn(statement.pending)}</strong> CZN</p>
      ${BigInt(statement.pending) > 0n
        ? html`<button class="primary" disabled=${tx.busy} onClick=${() => tx.run((o) => f.claimAll(signerOf(account), o))}>${L('claim', `${czn(statement.pending)} CZN`)}</button>`
        : html`<p>${L('nothingToClaim')}</p>`}
    <//>
    <${Section} id="requests" title=${L('requests')}>
      ${openRequests.length === 0 ? html`<p data-testid="no-requests">${L('noRequests')}</p>` : openRequests.map((r) => html`<article class="card" data-testid=${`request-${r.id}`}>
        <h3>${L('request')} #${r.id}: ${purposeText(r.purpose)}</h3>
        ${requestFacts(r)}
        <p>${L('answersSoFar', r.respondents)}</p>
        <div class="actions"><button class="primary" disabled=${tx.busy || block >= r.deadline} onClick=${() => answer(r)}>${L('takePart')}</button></div>
      </article>`)}
      ${answers.length === 0 ? '' : html`<h3>${L('myAnswers')}</h3><ul class="plain">${answers.map((a) => {
        const r = a.request;
        const using = r.state === 'Fulfilled' && a.withdrawn === null && r.deletionAttested === null;
        return html`<li data-testid=${`answer-${r.id}`}>${L('request')} #${r.id} (${L(`p_${r.purpose}`)}): <strong data-testid="answer-state">${L(`r_${r.state}`)}</strong>
          ${r.state === 'Fulfilled' && r.split ? html` — ${L('paidYou', czn(r.split.perOwner))}` : ''}
          ${a.withdrawn !== null ? html` — ${L('answerWithdrawn', a.withdrawn)}` : ''}
          ${r.state === 'Open' ? html` <button class="danger" disabled=${tx.busy} onClick=${() => takeBack(r)}>${L('takeBack')}</button>` : ''}
          ${using ? html` <button class="danger" disabled=${tx.busy} onClick=${() => takeBack(r)}>${L('stopUse')}</button>` : ''}</li>`;
      })}</ul>`}
    <//>
    <${Section} id="disclosures" title=${L('disclosures')}>
      ${disclosures.length === 0 ? html`<p data-testid="no-disclosures">${L('noDisclosures')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label=${L('disclosures')}><table data-testid="disclosures">
        <thead><tr><th scope="col">${L('orderCol')}</th><th scope="col">${L('buyerCol')}</th><th scope="col">${L('classCol')}</th><th scope="col">${L('purpose')}</th><th scope="col">${L('when')}</th><th scope="col">${L('deleteBy')}</th><th scope="col">${L('deleted')}</th></tr></thead>
        <tbody>${disclosures.map((o) => html`<tr><td>#${o.id}</td><td><code>${short(o.buyer)}</code></td><td>${o.buyerClass ? L(`c_${o.buyerClass}`) : ''}</td><td>${L(`p_${o.purpose}`)}</td><td>${o.placed}</td><td>${o.retentionDue ?? ''}</td><td>${o.deletion ? L('yes') : L('no')}</td></tr>`)}</tbody></table></div>`}
    <//>`;
}

export function hexBytes(hex) {
  const s = hex.startsWith('0x') ? hex.slice(2) : hex;
  return new Uint8Array(s.match(/../g)?.map((b) => parseInt(b, 16)) ?? []);
}
