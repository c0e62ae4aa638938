// The auditor's view: KPIs as of any block with a chart over blocks, overdue deletions, and
// "check the books": the platform's and the owners' receipts (pools, and data requests' equal
// parts) recomputed from events.
import { useEffect, useState } from 'preact/hooks';
import { market, PLATFORM } from '@cityzen/sdk';
import { html, Section } from './ui.js';
import { t } from './i18n.js';
import { czn, short } from './chain.js';

const MAX_SCAN = 2000;
/** The KPIs that are balances (decimal strings of plancks, shown in CZN). */
const BALANCES = new Set(['valueExchanged', 'givenToFunds', 'paidByRequests']);

function Chart({ points, lang }) {
  if (points.length < 2) return html`<p>…</p>`;
  const W = 320; const H = 120;
  const maxB = Math.max(1, ...points.map((p) => p.block));
  const maxO = Math.max(1, ...points.map((p) => p.orders));
  const maxV = Math.max(1, ...points.map((p) => Number(p.value / 10n ** 12n)));
  const line = (get, max) => points.map((p, i) => `${i ? 'L' : 'M'}${((p.block / maxB) * (W - 10) + 5).toFixed(1)},${(H - 5 - (get(p) / max) * (H - 10)).toFixed(1)}`).join(' ');
  return html`<figure><svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${t(lang, 'chart')} class="chart">
      <path d=${line((p) => p.orders, maxO)} class="l1" /><path d=${line((p) => Number(p.value / 10n ** 12n), maxV)} class="l2" /></svg>
    <figcaption>${t(lang, 'chart')}: <span class="k1">■</span> orders (max ${maxO}) <span class="k2">■</span> CZN (max ${maxV}), blocks 0–${maxB}</figcaption></figure>`;
}

async function checkBooks(api) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const from = Math.max(0, best - MAX_SCAN);
  const [h0, h1] = [(await api.rpc.chain.getBlockHash(from)).toHex(), (await api.rpc.chain.getBlockHash(best)).toHex()];
  let fees = 0n; let owners = 0n;
  for (let n = from + 1; n <= best; n += 1) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    for (const { event } of await at.query.system.events()) {
      // A sale: the owners' share at delivery (SaleCredited), the fee at settlement (Distributed).
      if (event.section === 'revenue' && event.method === 'SaleCredited') owners += event.data[5].toBigInt();
      if (event.section === 'revenue' && event.method === 'Distributed') fees += event.data[4].toBigInt();
      if (event.section === 'revenue' && event.method === 'OwnersPaid') {
        // A fulfilled data request: the fee to the platform, equal parts to owners' accounts.
        const split = event.data[1];
        fees += split.fee.toBigInt();
        owners += split.perOwner.toBigInt() * BigInt(split.owners.toNumber());
      }
    }
  }
  const bal = async (hash) => (await (await api.at(hash)).query.system.account(PLATFORM)).data.free.toBigInt();
  const pools = async (hash) => (await (await api.at(hash)).query.revenue.pools.entries())
    .reduce((s, [, p]) => s + (p.isSome ? p.unwrap().revenue.toBigInt() : 0n), 0n);
  const gain = (await bal(h1)) - (await bal(h0));
  // Request payouts are credited in owner accounts, not pools: the revenue pallet counts them.
  const requests = async (hash) => {
    const q = (await api.at(hash)).query.revenue.requestPayouts;
    return q ? (await q()).toBigInt() : 0n;
  };
  const paid = (await pools(h1)) - (await pools(h0)) + (await requests(h1)) - (await requests(h0));
  return { from, best, fees, owners, gain, paid, ok: fees === gain && owners === paid };
}

export function Auditor({ api, lang, block }) {
  const m = market(api);
  const L = (k, ...a) => t(lang, k, ...a);
  const [asOf, setAsOf] = useState('');
  const [shown, setShown] = useState(null);
  const [kpis, setKpis] = useState(null);
  const [points, setPoints] = useState([]);
  const [overdue, setOverdue] = useState([]);
  const [books, setBooks] = useState(null);
  const [err, setErr] = useState(null);
  const [q, setQ] = useState({ kind: 'order', arg: '', arg2: '', purpose: 'ResearchAndDevelopment' });
  const [answer, setAnswer] = useState(null);
  const ask = async (e) => {
    e.preventDefault();
    try {
      const hash = shown === null ? undefined : (await api.rpc.chain.getBlockHash(shown)).toHex();
      const r = q.kind === 'order' ? await m.order(Number(q.arg), hash)
        : q.kind === 'product' ? await m.product(Number(q.arg), hash)
          : q.kind === 'statement' ? await m.ownerStatement(q.arg.trim(), hash)
            : q.kind === 'record' ? await m.recordOfProcessing(q.arg.trim(), { at: hash })
              : q.kind === 'access' ? await m.hasAccess(q.arg.trim(), Number(q.arg2), hash)
                : await m.consentStatus(q.arg.trim(), Number(q.arg2), q.purpose, hash);
      setAnswer(JSON.stringify(r, null, 2));
    } catch (x) {
      setAnswer(x.message);
    }
  };
  const needs2 = q.kind === 'access' || q.kind === 'consent';
  useEffect(() => {
    let live = true;
    (async () => {
      const n = shown === null ? null : shown;
      const hash = n === null ? undefined : (await api.rpc.chain.getBlockHash(n)).toHex();
      const k = await m.kpis(hash);
      const o = await m.overdueDeletions({ at: hash });
      // The block the figures are of goes with them: the view never labels old figures new.
      if (live) { setKpis({ at: n, values: k }); setOverdue(o); setErr(null); }
    })().catch((e) => live && setErr(e.message));
    return () => { live = false; };
  }, [api, shown, shown === null ? block : 0]);
  useEffect(() => {
    let live = true;
    (async () => {
      const best = block || (await api.rpc.chain.getHeader()).number.toNumber();
      const step = Math.max(1, Math.ceil(best / 24));
      const pts = [];
      const blocks = [];
      for (let b = 0; b < best; b += step) blocks.push(b);
      blocks.push(best);
      for (const b of blocks) {
        const k = await m.kpis((await api.rpc.chain.getBlockHash(b)).toHex());
        pts.push({ block: b, orders: k.ordersPlaced, value: BigInt(k.valueExchanged) });
      }
      if (live) setPoints(pts);
    })().catch(() => {});
    return () => { live = false; };
  }, [api, Math.floor((block || 0) / 10)]);
  const submit = (e) => {
    e.preventDefault();
    setShown(asOf === '' ? null : Number(asOf));
  };
  return html`
    <${Section} id="kpis" title=${L('kpis')}>
      <form onSubmit=${submit} class="row">
        <label for="asof">${L('asOf')}</label>
        <input id="asof" inputmode="numeric" pattern="[0-9]*" placeholder=${L('latest')} value=${asOf} onInput=${(e) => setAsOf(e.target.value)} />
        <button type="submit">${L('show')}</button>
      </form>
      ${err ? html`<p role="alert" class="status err">${err}</p>` : ''}
      ${kpis ? html`<dl class="kpis" data-testid="kpis" data-block=${kpis.at ?? 'latest'}>
        ${Object.entries(kpis.values).map(([k, v]) => html`<div><dt>${k}</dt><dd data-kpi=${k}>${BALANCES.has(k) ? `${czn(v)} CZN` : String(v)}</dd></div>`)}</dl>` : ''}
      <${Chart} points=${points} lang=${lang} />
    <//>
    <${Section} id="query" title=${L('query')}>
      <form onSubmit=${ask} class="grid">
        <label>${L('queryKind')} <select value=${q.kind} onChange=${(e) => setQ({ ...q, kind: e.target.value })}>
          ${['order', 'product', 'statement', 'record', 'access', 'consent'].map((x) => html`<option value=${x}>${L(`q_${x}`)}</option>`)}</select></label>
        <label>${['order', 'product'].includes(q.kind) ? L('idLabel') : L('accountLabel')} <input value=${q.arg} onInput=${(e) => setQ({ ...q, arg: e.target.value })} required /></label>
        ${needs2 ? html`<label>${L('product')} <input inputmode="numeric" value=${q.arg2} onInput=${(e) => setQ({ ...q, arg2: e.target.value })} required /></label>` : ''}
        <button type="submit">${L('ask')} (${shown === null ? L('latest') : `#${shown}`})</button>
      </form>
      ${answer !== null ? html`<pre class="answer" data-testid="answer" tabindex="0">${answer}</pre>` : ''}
    <//>
    <${Section} id="overdue" title=${L('overdue')}>
      ${overdue.length === 0 ? html`<p>${L('noOverdue')}</p>` : html`<ul class="plain">${overdue.map((o) =>
        html`<li>${L('orderCol')} #${o.id}: <code>${short(o.buyer)}</code>, ${L('deleteBy')} ${o.retentionDue}</li>`)}</ul>`}
    <//>
    <${Section} id="books" title=${L('books')}>
      <button onClick=${async () => setBooks(await checkBooks(api))}>${L('checkBooks')}</button>
      ${books ? html`<p role="status" data-testid="books" class=${books.ok ? 'status ok' : 'status err'}>${books.ok
        ? L('booksOk', czn(books.fees), czn(books.gain), czn(books.owners), czn(books.paid))
        : L('booksBad', `fees ${czn(books.fees)} vs ${czn(books.gain)}, owners ${czn(books.owners)} vs ${czn(books.paid)}`)} (${books.from}–${books.best})</p>` : ''}
    <//>`;
}
