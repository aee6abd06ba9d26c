import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { UsageError, errorJson, exitCodeFor } from './cli-errors';
import type { CommandContext } from './command-context';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';
import { GLOBAL_OPTION_SPECS, readGlobalOptions } from './global-options';
import { Output } from './output';
import { adviceFor } from './service-advice';
import { COMMAND_USAGE, USAGE } from './usage';

interface Command {
  readonly options: OptionSpecs;
  readonly run: (context: CommandContext) => Promise<number>;
}

// Each command (and the library under it) is loaded only when it runs: `--help` loads none.
const COMMANDS: Readonly<Record<'scan' | 'send' | 'doctor' | 'tag', () => Promise<Command>>> = {
  scan: async () => {
    const { SCAN_OPTIONS, scanCommand } = await import('./commands/scan');
    return { options: SCAN_OPTIONS, run: scanCommand };
  },
  send: async () => {
    const { SEND_OPTIONS, sendCommand } = await import('./commands/send');
    return { options: SEND_OPTIONS, run: sendCommand };
  },
  doctor: async () => {
    const { DOCTOR_OPTIONS, doctorCommand } = await import('./commands/doctor');
    return { options: DOCTOR_OPTIONS, run: doctorCommand };
  },
  tag: async () => {
    const { TAG_OPTIONS, tagCommand } = await import('./commands/tag');
    return { options: TAG_OPTIONS, run: tagCommand };
  },
};

type CommandName = keyof typeof COMMANDS;

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

/** Runs the CLI with `argv` (without node and the script) and resolves with the exit code. */
export async function main(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const json = argv.includes('--json');
  const output = new Output(json);
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      process.stdout.write(USAGE);
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (name === '--version') {
      process.stdout.write(`${version}\n`);
      return EXIT_OK;
    }
    if (!isCommand(name)) throw new UsageError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    const command = await COMMANDS[name]();
    const parsed = parseCommandLine(name, rest, command.options);
    if (parsed.values.help === true) {
      process.stdout.write(COMMAND_USAGE[name]);
      return EXIT_OK;
    }
    const context: CommandContext = {
      global: readGlobalOptions(parsed.values),
      values: parsed.values,
      positionals: parsed.positionals,
      output,
      signal,
    };
    if (name !== 'send' && name !== 'tag' && parsed.positionals.length > 0) {
      throw new UsageError(`${name} takes no arguments (got "${parsed.positionals.join(' ')}")`);
    }
    return await command.run(context);
  } catch (error) {
    output.document({ ok: false, error: errorJson(error) });
    if (!json) output.warn(`resilient-pcsc: ${error instanceof Error ? error.message : String(error)}`);
    const advice = adviceFor(error);
    if (advice && !json) output.warn(advice);
    if (error instanceof UsageError && !json) output.warn('Run "resilient-pcsc --help" for usage.');
    return exitCodeFor(error);
  } finally {
    await output.flush();
  }
}

type OptionSpecs = Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? NonNullable<O> : never) : never;

function parseCommandLine(
  command: CommandName,
  args: readonly string[],
  options: OptionSpecs,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const all = { ...GLOBAL_OPTION_SPECS, ...options };
  try {
    const parsed = parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`Unknown option "${unknownOption(args, all) ?? '?'}" for ${command}.`);
    }
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The first option on the command line that `options` does not define (util.parseArgs' own text quotes it unevenly). */
function unknownOption(args: readonly string[], options: OptionSpecs): string | undefined {
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const unknown = tokens.find((token) => token.kind === 'option' && !Object.prototype.hasOwnProperty.call(options, token.name));
  return unknown?.kind === 'option' ? unknown.rawName : undefined;
}

if (require.main === module) {
  const controller = new AbortController();
  const interrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  // `resilient-pcsc scan | head` closes the pipe early; that is not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
  void main(process.argv.slice(2), controller.signal).then((code) => {
    // A native binding may keep threads alive after its context was released.
    process.exit(code);
  });
}
