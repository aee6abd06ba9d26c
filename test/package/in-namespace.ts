/**
 * Runs the installed-package checks against a real pcscd (started here, inside the private
 * namespace of run-in-namespace.sh): the CommonJS and ES module consumers, then the README's
 * first example as an ES module. Usage: tsx test/package/in-namespace.ts CONSUMER_DIRECTORY
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTestApplet } from '../../src/testing';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { readmeFirstExample } from '../fixtures/readme-example';

const RUN_LIMIT_MS = 120_000;

/** Asynchronous: this process may be serving the virtual card, so its event loop keeps running. */
async function runNode(directory: string, script: string): Promise<void> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [script], { cwd: directory, stdio: 'inherit' });
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (...ended) => resolve(ended)));
  clearTimeout(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`package test: node ${script} exited ${code ?? signal} after ${seconds.toFixed(1)} s`);
  if (code !== 0) throw new Error(`node ${script} failed (exit ${code ?? signal})`);
}

async function main(): Promise<void> {
  const directory = process.argv[2];
  if (!directory) throw new Error('usage: in-namespace.ts CONSUMER_DIRECTORY');
  await startPcscd();
  try {
    await runNode(directory, 'check.cjs');
    await runNode(directory, 'check.mjs');
    writeFileSync(join(directory, 'readme-example.mjs'), readmeFirstExample());
    const attachment = await seedTestApplet().attachToVpcd();
    try {
      await attachment.whenActivated();
      await runNode(directory, 'readme-example.mjs');
    } finally {
      await attachment.remove();
    }
  } finally {
    await stopPcscd();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
