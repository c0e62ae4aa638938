// Shared pieces: the html tag, a transaction runner with progress in words, small widgets.
import { h } from 'preact';
import { useState, useCallback } from 'preact/hooks';
import htm from 'htm';
import { ChainError } from '@cityzen/sdk';
import { t } from './i18n.js';

export const html = htm.bind(h);

/**
 * A transaction runner: `run(fn)` calls `fn({ onStatus, finalized: true })` and shows
 * every stage (signing, in block, finalised) and any refusal in words, in a live region.
 */
export function useTx(lang, onDone) {
  const [status, setStatus] = useState(null);
  // The status keeps the message key and its arguments, not the words, so that a line already
  // shown follows a change of language.
  const run = useCallback(async (fn) => {
    setStatus({ kind: 'busy', key: 'stage_signing', args: [] });
    try {
      const r = await fn({
        finalized: true,
        onStatus: (stage, hash) => setStatus({ kind: 'busy', key: `stage_${stage}`, args: [hash ? `${hash.slice(0, 10)}…` : ''] }),
      });
      setStatus({ kind: 'ok', key: 'stage_finalized', args: [r.blockNumber] });
      if (onDone) onDone(r);
      return r;
    } catch (e) {
      const words = e instanceof ChainError ? (e.docs ? `${e.code} — ${e.docs}` : e.code) : e.message;
      setStatus({ kind: 'err', key: 'error', args: [words] });
      return null;
    }
  }, [onDone]);
  const view = status
    ? html`<p class=${`status ${status.kind}`} role=${status.kind === 'err' ? 'alert' : 'status'} aria-live="polite" data-testid="tx-status">${t(lang, status.key, ...status.args)}</p>`
    : html`<p class="status" role="status" aria-live="polite" data-testid="tx-status"></p>`;
  return { run, view, busy: status?.kind === 'busy' };
}

/** A section with a heading. */
export const Section = ({ title, children, id }) => html`<section aria-labelledby=${id}><h2 id=${id}>${title}</h2>${children}</section>`;
