// Starts a throw-away cityzen-node on free ports and stops it cleanly. Shared by the e2e tests.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Path of the node binary: $CITYZEN_NODE, else the release build in $CARGO_TARGET_DIR. */
export function nodeBinary() {
  if (process.env.CITYZEN_NODE) return process.env.CITYZEN_NODE;
  const target = process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/cityzen-target');
  return join(target, 'release/cityzen-node');
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One JSON-RPC call over HTTP. */
export async function rpc(port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(5000),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/**
 * Starts `cityzen-node --dev --tmp` (or with `args`) on free ports. Resolves once JSON-RPC answers.
 * Rejects with the node's log if it exits or does not answer within `timeoutMs`.
 */
export async function startNode({ args = ['--dev', '--tmp'], timeoutMs = 60_000 } = {}) {
  const bin = nodeBinary();
  if (!existsSync(bin)) throw new Error(`node binary not found at ${bin}: build it first`);
  const [rpcPort, p2pPort, promPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'cityzen-e2e-'));
  const logPath = join(dir, 'node.log');
  const log = openSync(logPath, 'w');
  const child = spawn(bin, [
    ...args,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--prometheus-port', String(promPort),
    '--no-telemetry',
    '--no-mdns',
    '--rpc-cors', 'all',
  ], { stdio: ['ignore', log, log] });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const node = {
    child, rpcPort, promPort, logPath,
    url: `ws://127.0.0.1:${rpcPort}`,
    log: () => readFileSync(logPath, 'utf8'),
    logTail: (n = 60) => readFileSync(logPath, 'utf8').split('\n').slice(-n).join('\n'),
    exited: () => exited,
    stop: () => stopNode(node),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`node exited (${JSON.stringify(exited)}) before answering:\n${node.logTail()}`);
    try {
      await rpc(rpcPort, 'system_health');
      return node;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      await stopNode(node);
      throw new Error(`node did not answer JSON-RPC within ${timeoutMs} ms:\n${node.logTail()}`);
    }
    await sleep(250);
  }
}

/** SIGINT, then SIGKILL after 20 s. Resolves with how the process ended. */
export async function stopNode(node) {
  if (node.exited()) return node.exited();
  node.child.kill('SIGINT');
  const deadline = Date.now() + 20_000;
  while (!node.exited() && Date.now() < deadline) await sleep(100);
  if (!node.exited()) {
    node.child.kill('SIGKILL');
    while (!node.exited()) await sleep(100);
  }
  return node.exited();
}

/** Waits until the finalized block number is at least `n`; fails with the log otherwise. */
export async function waitFinalized(node, n, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (node.exited()) throw new Error(`node exited while waiting for finality:\n${node.logTail()}`);
    const hash = await rpc(node.rpcPort, 'chain_getFinalizedHead');
    const header = await rpc(node.rpcPort, 'chain_getHeader', [hash]);
    const number = parseInt(header.number, 16);
    if (number >= n) return number;
    if (Date.now() > deadline) {
      throw new Error(`finalized block ${number} < ${n} after ${timeoutMs} ms:\n${node.logTail()}`);
    }
    await sleep(500);
  }
}
