import { driverChoices } from './global-options';

const GLOBAL_OPTIONS = `Options for every command:
  --json                 Machine-readable output (JSON; scan follows as JSON lines)
  --simulate             Use the built-in simulator: reader "Gemalto PC Twin Reader 00 00"
                         with a sample JavaCard test applet (SELECT A0 00 00 00 18 FF,
                         then 80 34 00 0E 0E) and an empty reader
  --personality NAME     Simulated platform with --simulate: linux (default),
                         darwin-15 (OS X El Capitan), darwin-16, darwin-17
  --driver NAME          ${driverChoices('auto (default)')}
  --quirks MODE          auto (default), none or all
  --socket PATH          pcscd's socket, e.g. one forwarded from another machine
                         with ssh -L (implies --driver pcscd)
  --simulate-tag KIND    With --simulate, a simulated ACR122U holding a virtual tag:
                         ntag213, ntag215, ntag216, ultralight, mifare-classic-1k,
                         mifare-classic-4k, type4 or phone
  -h, --help             Show the help (of the command, after one)
  --version              Show the version`;

const SCAN = `scan [--once] [--timeout SECONDS] [--brief]
  --once                 Print the current readers and cards, then exit
  -t, --timeout SECONDS  Stop following events after this long
  -n, --brief            No ATR analysis
  Without --once, follows the library's reader and card events; while the PC/SC
  service is down it waits for it. Ending while the service is down exits 1.`;

const SEND = `send [-r READER] [-p T=0|T=1] [--exclusive] [--[no-]get-response] [APDU... | -f FILE]
  APDU                   Hex bytes, e.g. 00A4040006A000000018FF or "00 A4 04 00"; "reset" resets the card
  -f, --file FILE        A scriptor-style script ("-" for stdin): one APDU per line,
                         "#" comments, "reset" lines, "exit" ends, "\\" continues a line.
                         Without APDUs or --file, the script is read from stdin
  -r, --reader READER    Reader name or index (default: the first reader with a card)
  -p, --protocol T=0|T=1 Protocol to use (default: T=0 or T=1, as the card offers)
  --exclusive            Connect in exclusive mode
  --get-response         Follow 61xx with GET RESPONSE and resend on 6Cxx under T=1 too
                         (the default under T=0, as in the library)
  --no-get-response      Print every answer as the card gave it, 61xx included (scriptor)
  Prints "> command" then "< response : status word meaning" for each APDU.
  An answer without a status word is an error.`;

const TAG = `tag [info | dump | ndef-read | ndef-write] [-r READER] [options]
  info                   The tag's kind (from its ATR), UID and, for an NTAG, which one (the default)
  dump                   Every page of a Type 2 tag, or every MIFARE Classic sector
    --key HEX            MIFARE Classic key (default FFFFFFFFFFFF)
    --key-type A|B       Which key it is (default A)
  ndef-read              The NDEF records of a Type 2 or Type 4 tag
  ndef-write             Writes an NDEF message made of:
    --uri URI            a URI record
    --text TEXT          a Text record (--lang CODE, default en)
    --mime TYPE          a MIME record with --data TEXT
  -r, --reader READER    Reader name or index (default: the first reader with a card)`;

const DOCTOR = `doctor
  Checks the PC/SC setup: platform, quirk workarounds and why, bindings, service
  (and how to start it), readers, known-bad readers, driver gaps.`;

const EXIT_CODES = `Exit codes:
  0  Success
  1  PC/SC error (service unreachable, binding missing, connect or transmit failed)
  2  Usage error (bad option, unreadable file, malformed APDU)
  3  No reader, no such reader, or no card`;

/** The text `resilient-pcsc --help` prints. */
export const USAGE = `Usage: resilient-pcsc <command> [options]

Commands:
  scan      List readers and cards with their parsed ATR, then follow insertions
            and removals (like pcsc_scan)
  send      Send APDUs to a card and print the answers (like scriptor)
  tag       Contactless tags: kind and UID, memory dump, NDEF read and write
  doctor    Check the PC/SC setup: platform, quirk workarounds and why,
            bindings, service, readers, known-bad readers, driver gaps
  help      Show this text

${GLOBAL_OPTIONS}

${SCAN}

${SEND}

${TAG}

${EXIT_CODES}
`;

/** The text `resilient-pcsc <command> --help` prints. */
export const COMMAND_USAGE = {
  scan: `Usage: resilient-pcsc ${SCAN}\n\n${GLOBAL_OPTIONS}\n\n${EXIT_CODES}\n`,
  send: `Usage: resilient-pcsc ${SEND}\n\n${GLOBAL_OPTIONS}\n\n${EXIT_CODES}\n`,
  tag: `Usage: resilient-pcsc ${TAG}\n\n${GLOBAL_OPTIONS}\n\n${EXIT_CODES}\n`,
  doctor: `Usage: resilient-pcsc ${DOCTOR}\n\n${GLOBAL_OPTIONS}\n\n${EXIT_CODES}\n`,
} as const;
