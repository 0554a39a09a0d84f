/**
 * Preloaded into the language server by the security test (`NODE_OPTIONS=--require …`): reports on
 * stderr, with a marker line, any attempt to open a network connection, listen, send a datagram,
 * resolve a name or start a process. The server over stdio should make none.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const MARKER = 'ATTACHE-GUARD';

function report(what: string): void {
  process.stderr.write(`${MARKER}: ${what}\n${new Error().stack?.split('\n').slice(2, 6).join('\n') ?? ''}\n`);
}

function wrap(module: Record<string, unknown>, name: string, label: string): void {
  const original = module[name];
  if (typeof original !== 'function') return;
  module[name] = function guarded(this: unknown, ...args: unknown[]): unknown {
    report(`${label}.${name}`);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

const net = require('node:net') as Record<string, unknown> & { Socket: { prototype: Record<string, unknown> }; Server: { prototype: Record<string, unknown> } };
for (const name of ['connect', 'createConnection', 'createServer']) wrap(net, name, 'net');
wrap(net.Socket.prototype, 'connect', 'net.Socket');
wrap(net.Server.prototype, 'listen', 'net.Server');
for (const id of ['node:http', 'node:https', 'node:http2']) {
  const m = require(id) as Record<string, unknown>;
  for (const name of ['request', 'get', 'connect', 'createServer']) wrap(m, name, id.slice(5));
}
const dgram = require('node:dgram') as Record<string, unknown>;
wrap(dgram, 'createSocket', 'dgram');
const dns = require('node:dns') as Record<string, unknown>;
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) wrap(dns, name, 'dns');
const childProcess = require('node:child_process') as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap(childProcess, name, 'child_process');

// Proof that the guard is in place: silence from it then means something.
process.stderr.write(`${MARKER}-LOADED\n`);

export { MARKER };
