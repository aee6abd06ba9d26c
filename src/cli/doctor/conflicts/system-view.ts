import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { hostPlatform } from '../../../adapters/host-platform';
import type { RunningProcess, SystemView } from './conflict';

const COMMAND_TIMEOUT_MS = 3_000;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function command(file: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(file, [...args], { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** Linux: /proc/PID/cmdline; elsewhere ps (macOS). */
function processes(): RunningProcess[] {
  if (process.platform === 'linux') {
    const found: RunningProcess[] = [];
    for (const entry of safeList('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const argv = (readText(`/proc/${entry}/cmdline`) ?? '').split('\0').filter(Boolean);
      const name = (readText(`/proc/${entry}/comm`) ?? '').trim();
      if (name) found.push({ pid: Number(entry), name, args: argv.slice(1) });
    }
    return found;
  }
  if (process.platform === 'darwin') {
    return (command('ps', ['-axo', 'pid=,comm=']) ?? '')
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => ({ pid: Number(match[1]), name: (match[2] ?? '').split('/').pop() ?? '', args: [] }));
  }
  return [];
}

function safeList(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** This machine, read-only. */
export function hostSystemView(): SystemView {
  return {
    os: hostPlatform().os,
    env: process.env,
    readText,
    exists: existsSync,
    listDir: safeList,
    processes,
    command,
  };
}
