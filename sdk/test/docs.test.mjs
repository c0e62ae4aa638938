// docs/sdk.md runs: its ```js blocks, in order, as one program against a fresh dev node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startNode, waitFinalized } from '../../tests/e2e/lib/node.mjs';

let node;
const script = fileURLToPath(new URL('../.docs-example.mjs', import.meta.url));

before(async () => {
  node = await startNode();
  await waitFinalized(node, 1);
});
after(async () => {
  rmSync(script, { force: true });
  if (node) await node.stop();
});

test('every code block of docs/sdk.md runs against a dev node and does what the page says', { timeout: 240_000 }, async () => {
  const page = readFileSync(new URL('../../docs/sdk.md', import.meta.url), 'utf8');
  const blocks = [...page.matchAll(/```js\n([\s\S]*?)```/g)].map((b) => b[1]);
  assert.ok(blocks.length >= 5, 'the page has its examples');
  writeFileSync(script, blocks.join('\n').replaceAll('ws://127.0.0.1:9944', node.url));
  const { stdout } = await new Promise((resolve, reject) => {
    execFile(process.execPath, [script], { timeout: 200_000 }, (err, out, errOut) =>
      (err ? reject(new Error(`${err.message}\n${out}\n${errOut}`)) : resolve({ stdout: out })));
  });
  assert.match(stdout, /accredit: signing\naccredit: submitted\naccredit: inBlock/);
  assert.match(stdout, /module consent\.NotDataOwner - \S/);
  assert.match(stdout, /receipt on chain: 0x[0-9a-f]{64} Given/);
  assert.match(stdout, /delivered: https:\/\/data\.bob-mobility\.example\/bikes-2026\.parquet\?token=7f3a/);
  // The second sale of the page: its first owner's share carries the first sale's rounding (1 unit).
  assert.match(stdout, /fee 2000000000000n owners 49000000000000n provider 49000000000000n first owner 8166666666667n/);
});
