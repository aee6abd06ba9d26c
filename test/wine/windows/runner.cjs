'use strict';
// A small sequential test runner for node.exe under Wine (jest does not start there): each test
// gets a time limit, prints `ok`/`not ok` and the suite closes with `wine: N passed, N failed`.

const tests = [];
const notes = [];

/** Registers a test; `body` is an async function that throws on failure. */
function test(name, body, timeoutMs = 60_000) {
  tests.push({ name, body, timeoutMs });
}

/** A line for the closing note: what Wine showed differently from real Windows. */
function note(text) {
  if (!notes.includes(text)) notes.push(text);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function equal(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function show(value) {
  return typeof value === 'number' ? `${value} (0x${(value >>> 0).toString(16)})` : JSON.stringify(value);
}

async function rejectsWith(promise, errorClass, what) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof errorClass) return error;
    throw new Error(`${what}: expected ${errorClass.name}, got ${error && error.name}: ${error && error.message}`);
  }
  throw new Error(`${what}: expected ${errorClass.name}, but it resolved`);
}

function withTimeout(promise, ms, name) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function run() {
  let passed = 0;
  let failed = 0;
  for (const { name, body, timeoutMs } of tests) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(body), timeoutMs, name);
      passed += 1;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${String(error && error.stack ? error.stack : error).replace(/\n/g, '\n  ')}`);
    }
  }
  for (const line of notes) console.log(`note: ${line}`);
  console.log(`wine: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}

module.exports = { test, note, check, equal, rejectsWith, run };
