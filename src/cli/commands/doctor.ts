import type { CommandContext } from '../command-context';
import { diagnose, type DoctorReport } from '../doctor/diagnose';
import { driverLines } from '../doctor/format-driver';
import { EXIT_NO_READER_OR_CARD, EXIT_OK, EXIT_PCSC_ERROR } from '../exit-codes';

export const DOCTOR_OPTIONS = {} as const;

/** `doctor`: is PC/SC usable here, and what does the library work around on this platform? */
export async function doctorCommand(context: CommandContext): Promise<number> {
  const report = await diagnose(context.global);
  const code = !report.service.reachable ? EXIT_PCSC_ERROR : report.readers.length === 0 ? EXIT_NO_READER_OR_CARD : EXIT_OK;
  context.output.document({ ...report, ok: code === EXIT_OK });
  for (const line of humanReport(report, code)) context.output.line(line);
  return code;
}

function humanReport(report: DoctorReport, code: number): string[] {
  const { platform } = report;
  const darwin = platform.darwinMajor !== undefined ? ` (Darwin ${platform.darwinMajor})` : '';
  const lines = [`Platform: ${platform.os} ${platform.release}${darwin}, Node ${platform.node}${report.simulated ? ', simulated' : ''}`];

  const active = report.quirks.workarounds.filter((workaround) => workaround.enabled);
  const source = report.quirks.environment ? `RESILIENT_PCSC_QUIRKS=${report.quirks.environment}` : report.quirks.source;
  lines.push(`Quirk workarounds (${source}): ${active.length === 0 ? 'none active' : `${active.length} active`}`);
  for (const workaround of report.quirks.workarounds) {
    lines.push(`  [${workaround.enabled ? 'on ' : 'off'}] ${workaround.id}${workaround.reason ? ` - ${workaround.reason}` : ''}`);
    if (workaround.enabled && workaround.handles) lines.push(`        ${workaround.handles}`);
  }

  lines.push('Bindings:');
  for (const binding of report.bindings) {
    const version = binding.version ? ` (${binding.version})` : '';
    lines.push(`  ${binding.name}: ${binding.available ? `loaded${version}` : `missing - ${binding.error ?? ''}`}`);
  }

  lines.push(...driverLines(report));

  const error = report.service.error;
  lines.push(`PC/SC service: ${report.service.reachable ? 'reachable' : `unreachable - ${String(error?.message ?? '')}`}`);
  if (error?.advice !== undefined) lines.push(`  ${String(error.advice)}`);

  lines.push(`Readers: ${report.readers.length}`);
  for (const reader of report.readers) lines.push(`  ${reader.name}: ${reader.state}${reader.atr ? `, ATR ${reader.atr}` : ''}`);

  lines.push(`Known-bad readers: ${report.knownBadReaders.length === 0 ? 'none' : ''}`.trimEnd());
  for (const bad of report.knownBadReaders) {
    const effect = bad.affectsThisPlatform ? 'breaks PC/SC on this platform' : 'breaks PC/SC on OS X El Capitan only; fine here';
    lines.push(`  ${bad.name}: Gemalto CT700 / GemPC Pinpad, ${effect}`);
  }
  for (const notice of report.notices) lines.push(`  ${notice.quirk}: ${notice.message}`);

  for (const conflict of report.conflicts) {
    lines.push(`${conflict.kind === 'conflict' ? 'Conflict' : 'Note'}: ${conflict.found}`);
    lines.push(`  Fix: ${conflict.fix}${conflict.quirk ? ` (quirk ${conflict.quirk}, docs/quirks.md)` : ''}`);
  }

  lines.push(code === EXIT_OK ? 'Result: OK' : code === EXIT_NO_READER_OR_CARD ? 'Result: no reader found' : 'Result: PC/SC is not usable');
  return lines;
}
