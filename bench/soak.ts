import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { VirtualCard } from '../src/testing';
import type { BenchSession } from './clients/client';

export interface SoakResult {
  readonly client: string;
  readonly apdus: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly growthMb: number;
}

const CHUNK = 10_000;
const MB = 1024 * 1024;

/** A full collection, so the RSS compared is live memory rather than garbage not yet collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/**
 * RSS before and after `apdus` more commands on an already warmed-up session. `localCards` are
 * the virtual cards running in this process (the simulator's, and the real pcscd's with
 * --card-in-process); they log every command, so their logs are emptied and only the client is measured.
 */
export async function soak(client: string, session: BenchSession, apdus: number, localCards: readonly VirtualCard[]): Promise<SoakResult> {
  const forgetLogs = (): void => localCards.forEach((card) => card.log.splice(0));
  forgetLogs();
  collectGarbage();
  const before = process.memoryUsage.rss();
  for (let sent = 0; sent < apdus; sent += CHUNK) {
    await session.run(Math.min(CHUNK, apdus - sent));
    forgetLogs();
  }
  collectGarbage();
  const after = process.memoryUsage.rss();
  return { client, apdus, rssBeforeMb: before / MB, rssAfterMb: after / MB, growthMb: (after - before) / MB };
}
