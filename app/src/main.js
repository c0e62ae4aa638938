// The CityZEN app: one page, four roles. Node: the city's (VITE_CITYZEN_RPC at build time, else
// ws://127.0.0.1:9944); a link may name another with ?rpc=ws://…, which the app uses only after
// the person confirms it (security review S15), once per tab.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './ui.js';
import { t } from './i18n.js';
import { open, loadAccounts, short } from './chain.js';
import { Citizen } from './citizen.js';
import { Provider, Buyer } from './trade.js';
import { Auditor } from './auditor.js';

const params = new URLSearchParams(location.search);
/** The city's node, fixed when the app is built. */
const DEFAULT_RPC = import.meta.env?.VITE_CITYZEN_RPC || 'ws://127.0.0.1:9944';
const ASKED_RPC = params.get('rpc');
const TRUST_KEY = 'cityzen.trustedNode';
/** The node to use without asking: the default, or one this tab already confirmed. */
const preset = () => {
  if (!ASKED_RPC || ASKED_RPC === DEFAULT_RPC) return DEFAULT_RPC;
  return sessionStorage.getItem(TRUST_KEY) === ASKED_RPC ? ASKED_RPC : null;
};

/** Asks before using a node named by the link: a hostile node could fake every read. */
function ConfirmNode({ lang, onChoose }) {
  const L = (k, ...a) => t(lang, k, ...a);
  return html`
    <section class="card warn" role="alertdialog" aria-labelledby="other-node" data-testid="confirm-node">
      <h2 id="other-node">${L('otherNode')}</h2>
      <p>${L('otherNodeWhy', ASKED_RPC, DEFAULT_RPC)}</p>
      <p class="actions">
        <button data-testid="use-default" class="primary" onClick=${() => onChoose(DEFAULT_RPC)}>${L('useDefault')}</button>
        <button data-testid="trust-node" class="danger" onClick=${() => { sessionStorage.setItem(TRUST_KEY, ASKED_RPC); onChoose(ASKED_RPC); }}>${L('useOther', ASKED_RPC)}</button>
      </p>
    </section>`;
}
const ROLES = ['citizen', 'provider', 'buyer', 'auditor'];

function App() {
  const [lang, setLang] = useState(params.get('lang') === 'nb' || (!params.get('lang') && navigator.language?.startsWith('nb')) ? 'nb' : 'en');
  const [chain, setChain] = useState(null);
  const [error, setError] = useState(null);
  const [accounts, setAccounts] = useState([]);
  const [who, setWho] = useState(params.get('account') || '');
  const [role, setRole] = useState(ROLES.includes(params.get('role')) ? params.get('role') : 'citizen');
  const [block, setBlock] = useState(0);
  const [URL_, setUrl] = useState(preset);
  useEffect(() => {
    if (!URL_) return undefined;
    let unsub = null;
    open(URL_).then(async (c) => {
      setChain(c);
      const accts = await loadAccounts(c.dev);
      setAccounts(accts);
      setWho((w) => (accts.some((a) => a.address === w || a.name === w) ? w : accts[0]?.address || ''));
      unsub = await c.api.rpc.chain.subscribeFinalizedHeads((h) => setBlock(h.number.toNumber()));
    }).catch((e) => setError(e.message));
    return () => unsub && unsub();
  }, [URL_]);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  const L = (k, ...a) => t(lang, k, ...a);
  const account = accounts.find((a) => a.address === who || a.name === who);
  const View = { citizen: Citizen, provider: Provider, buyer: Buyer, auditor: Auditor }[role];
  return html`
    <header>
      <div class="brand"><h1>${L('title')}</h1><p>${L('tagline')}</p></div>
      <div class="controls">
        <label>${L('language')} <select value=${lang} onChange=${(e) => setLang(e.target.value)}><option value="en">English</option><option value="nb">Norsk (bokmål)</option></select></label>
        <label>${L('account')} <select data-testid="account" title=${account ? (account.kind === 'dev' ? L('devAccount') : L('extAccount')) : ''} value=${account?.address || ''} onChange=${(e) => setWho(e.target.value)}>
          ${accounts.map((a) => html`<option value=${a.address}>${a.name} (${short(a.address)}${a.kind === 'dev' ? ', dev' : ''})</option>`)}</select></label>
      </div>
      <p class="node" role="status" data-testid="node">${!URL_ ? '' : error ? L('failed', URL_, error) : chain ? L('connected', URL_, block) : L('connecting', URL_)}</p>
    </header>
    <nav aria-label="Roles"><ul>${ROLES.map((r) => html`<li><button aria-pressed=${r === role ? 'true' : 'false'} class=${r === role ? 'tab on' : 'tab'} onClick=${() => setRole(r)}>${L(r)}</button></li>`)}</ul></nav>
    <main>
      ${!URL_ ? html`<${ConfirmNode} lang=${lang} onChoose=${setUrl} />` : !chain ? '' : role !== 'auditor' && !account ? html`<p>${L('noAccounts')}</p>`
        : html`<${View} key=${`${role}-${who}`} api=${chain.api} dev=${chain.dev} account=${account} lang=${lang} block=${block} />`}
    </main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
