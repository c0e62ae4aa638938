// The CityZEN app: one page, four roles. Node: ?rpc=ws://… (default ws://127.0.0.1:9944).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './ui.js';
import { t } from './i18n.js';
import { open, loadAccounts, short } from './chain.js';
import { Citizen } from './citizen.js';
import { Provider, Buyer } from './trade.js';
import { Auditor } from './auditor.js';

const params = new URLSearchParams(location.search);
const URL_ = params.get('rpc') || 'ws://127.0.0.1:9944';
const ROLES = ['citizen', 'provider', 'buyer', 'auditor'];

function App() {
  const [lang, setLang] = useState(params.get('lang') === 'nb' || (!params.get('lang') && navigator.language?.startsWith('nb')) ? 'nb' : 'en');
  const [chain, setChain] = useState(null);
  const [error, setError] = useState(null);
  const [accounts, setAccounts] = useState([]);
  const [who, setWho] = useState(params.get('account') || '');
  const [role, setRole] = useState(ROLES.includes(params.get('role')) ? params.get('role') : 'citizen');
  const [block, setBlock] = useState(0);
  useEffect(() => {
    let unsub = null;
    open(URL_).then(async (c) => {
      setChain(c);
      const accts = await loadAccounts(c.dev);
      setAccounts(accts);
      setWho((w) => (accts.some((a) => a.address === w || a.name === w) ? w : accts[0]?.address || ''));
      unsub = await c.api.rpc.chain.subscribeFinalizedHeads((h) => setBlock(h.number.toNumber()));
    }).catch((e) => setError(e.message));
    return () => unsub && unsub();
  }, []);
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
      <p class="node" role="status" data-testid="node">${error ? L('failed', URL_, error) : chain ? L('connected', URL_, block) : L('connecting', URL_)}</p>
    </header>
    <nav aria-label="Roles"><ul>${ROLES.map((r) => html`<li><button aria-pressed=${r === role ? 'true' : 'false'} class=${r === role ? 'tab on' : 'tab'} onClick=${() => setRole(r)}>${L(r)}</button></li>`)}</ul></nav>
    <main>
      ${!chain ? '' : role !== 'auditor' && !account ? html`<p>${L('noAccounts')}</p>`
        : html`<${View} key=${`${role}-${who}`} api=${chain.api} dev=${chain.dev} account=${account} lang=${lang} block=${block} />`}
    </main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
