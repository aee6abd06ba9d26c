'use strict';
// Requests to the Linux side of the suite (test/wine/orchestrate.ts) over a loopback socket:
// cards in and out, pcscd killed and started, a PySCard process's transaction.
const net = require('node:net');

let socket;
let buffered = '';
let nextId = 1;
const waiting = new Map();

function connect() {
  const port = Number(process.env.WINE_SUITE_CONTROL_PORT);
  if (!port) throw new Error('WINE_SUITE_CONTROL_PORT is not set: run the suite through test/wine/run.sh');
  socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const [id, status, ...rest] = line.split(' ');
      const settle = waiting.get(id);
      waiting.delete(id);
      if (settle) settle(status, rest.join(' '));
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
}

/** Sends one request (`remove-card 0`, `kill-pcscd`, ...) and resolves with its answer. */
function request(name, ...args) {
  const id = String(nextId++);
  return new Promise((resolve, reject) => {
    waiting.set(id, (status, answer) => (status === 'ok' ? resolve(answer) : reject(new Error(`${name}: ${answer}`))));
    socket.write(`${id} ${[name, ...args].join(' ')}\n`);
  });
}

function close() {
  socket.end();
}

module.exports = { connect, request, close };
