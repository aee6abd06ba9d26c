import { toCommandBytes } from '../../apdu/command-apdu';
import { ApduError } from '../../errors/apdu-error';
import { UsageError } from '../cli-errors';

/** One step of a `send` run: a command APDU, or a warm reset of the card. */
export type ScriptStep = { readonly kind: 'command'; readonly bytes: Uint8Array; readonly where: string } | { readonly kind: 'reset'; readonly where: string };

/**
 * Reads a scriptor-style script: one hex APDU per line (spaces optional), `#` starts a comment,
 * `reset` resets the card, `exit` ends the script, and a line ending in `\` continues on the next.
 */
export function parseScript(text: string, source: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let pending = '';
  let pendingStart = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const content = (lines[i] ?? '').replace(/#.*/, '').trim();
    if (pending === '' && content === '') continue;
    if (pending === '') pendingStart = i + 1;
    if (content.endsWith('\\')) {
      pending += `${content.slice(0, -1)} `;
      continue;
    }
    const statement = (pending + content).trim();
    pending = '';
    const where = `${source}:${pendingStart}`;
    if (/^exit$/i.test(statement)) return steps;
    steps.push(parseStep(statement, where));
  }
  if (pending.trim() !== '') steps.push(parseStep(pending.trim(), `${source}:${pendingStart}`));
  return steps;
}

/** Steps from command-line arguments: each is one APDU in hex, or `reset`. */
export function parseArguments(args: readonly string[]): ScriptStep[] {
  return args.map((arg, i) => parseStep(arg.trim(), `argument ${i + 1}`));
}

function parseStep(statement: string, where: string): ScriptStep {
  if (/^reset$/i.test(statement)) return { kind: 'reset', where };
  try {
    return { kind: 'command', bytes: toCommandBytes(statement), where };
  } catch (error) {
    if (error instanceof ApduError) throw new UsageError(`${where}: ${error.message}`);
    throw error;
  }
}
