import type { RunningProcess, ServiceFindings, SystemView } from '../../../src/cli/doctor/conflicts/conflict';
import { detectConflicts } from '../../../src/cli/doctor/conflicts/detect-conflicts';
import * as rc from '../../../src/driver/return-codes';
import type { AdvisedOs } from '../../../src/errors/service-advice';

interface FakeSystem {
  readonly os?: AdvisedOs;
  readonly env?: Record<string, string>;
  readonly files?: Record<string, string>;
  readonly processes?: RunningProcess[];
  /** Output per `file arg arg...`. */
  readonly commands?: Record<string, string>;
}

/** A machine made of the given files, processes and command outputs; a directory lists the files below it. */
function fakeSystem(system: FakeSystem): SystemView {
  const files = system.files ?? {};
  return {
    os: system.os ?? 'linux',
    env: system.env ?? {},
    readText: (path) => files[path],
    exists: (path) => path in files,
    listDir: (path) => [
      ...new Set(
        Object.keys(files)
          .filter((file) => file.startsWith(`${path}/`))
          .map((file) => file.slice(path.length + 1).split('/')[0]!),
      ),
    ],
    processes: () => system.processes ?? [],
    command: (file, args) => system.commands?.[[file, ...args].join(' ')],
  };
}

const REACHABLE: ServiceFindings = { reachable: true, readerCount: 1 };
const NO_SERVICE: ServiceFindings = { reachable: false, code: rc.SCARD_E_NO_SERVICE, readerCount: 0 };
const SOCKET = { '/run/pcscd/pcscd.comm': '' };
const ids = (system: FakeSystem, service = REACHABLE): string[] => detectConflicts(fakeSystem(system), service).map((entry) => entry.id);
const only = (system: FakeSystem, service = REACHABLE) => {
  const found = detectConflicts(fakeSystem(system), service);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('doctor: platform conflicts on a faked Linux machine', () => {
  it('a healthy machine has none', () => {
    expect(ids({ files: { ...SOCKET, '/proc/modules': 'usbhid 1 0\n' } })).toEqual([]);
  });

  it('pn533_usb/nfc loaded and an ACR122U plugged in: names the reader and the modprobe/blacklist fix', () => {
    const conflict = only({
      files: {
        ...SOCKET,
        '/proc/modules': 'pn533_usb 20480 0 - Live\npn533 45056 1 pn533_usb\nnfc 122880 1 pn533\n',
        '/sys/bus/usb/devices/3-2/idVendor': '072f\n',
        '/sys/bus/usb/devices/3-2/idProduct': '2200\n',
      },
    });
    expect(conflict.id).toBe('kernel-nfc-claims-reader');
    expect(conflict.found).toContain('pn533_usb/pn533/nfc');
    expect(conflict.found).toContain('ACS ACR122U (072f:2200)');
    expect(conflict.fix).toContain('modprobe -r pn533_usb pn533 nfc');
    expect(conflict.fix).toContain('blacklist pn533_usb');
  });

  it('scdaemon running without pcsc-shared: the options to add; with both options set: nothing', () => {
    const scdaemon = [{ pid: 4242, name: 'scdaemon', args: ['--multi-server'] }];
    const conflict = only({ files: { ...SOCKET, '/home/ann/.gnupg/scdaemon.conf': 'disable-ccid\n' }, env: { HOME: '/home/ann' }, processes: scdaemon });
    expect(conflict.id).toBe('scdaemon-holds-reader');
    expect(conflict.found).toContain('pid 4242');
    expect(conflict.fix).toBe('add the lines pcsc-shared to ~/.gnupg/scdaemon.conf, then: gpgconf --kill scdaemon');
    const configured = { '/home/ann/.gnupg/scdaemon.conf': '# shared\ndisable-ccid\npcsc-shared\n' };
    expect(ids({ files: { ...SOCKET, ...configured }, env: { HOME: '/home/ann' }, processes: scdaemon })).toEqual([]);
  });

  it('a container without the host socket: the bind mount, and when driver pcscd is the better choice', () => {
    const conflict = only({ files: { '/.dockerenv': '' } }, NO_SERVICE);
    expect(conflict.id).toBe('pcscd-socket-outside-sandbox');
    expect(conflict.fix).toContain('-v /run/pcscd:/run/pcscd');
    expect(conflict.fix).toContain("driver 'pcscd' speaks all three");
  });

  it('a Flatpak without the pcsc socket: flatpak override --socket=pcsc', () => {
    const conflict = only({ files: { '/.flatpak-info': '' } }, NO_SERVICE);
    expect(conflict.fix).toContain('--socket=pcsc');
  });

  it('PCSCLITE_CSOCK_NAME naming a missing socket', () => {
    const conflict = only({ env: { PCSCLITE_CSOCK_NAME: '/tmp/pcscd.comm' }, files: SOCKET }, NO_SERVICE);
    expect(conflict.id).toBe('pcscd-socket-missing');
    expect(conflict.found).toContain('/tmp/pcscd.comm');
  });

  it('pcscd started by hand beside systemd socket activation; the socket unit stopped', () => {
    const unit = { '/lib/systemd/system/pcscd.socket': '' };
    const byHand = only({ files: { ...unit, ...SOCKET }, processes: [{ pid: 77, name: 'pcscd', args: ['-f'] }] });
    expect(byHand.id).toBe('pcscd-by-hand-beside-systemd');
    expect(byHand.fix).toContain('sudo kill 77');
    expect(byHand.fix).toContain('systemctl restart pcscd.socket');
    expect(ids({ files: { ...unit, ...SOCKET }, processes: [{ pid: 78, name: 'pcscd', args: ['--foreground', '--auto-exit'] }] })).toEqual([]);
    expect(ids({ files: unit }, NO_SERVICE)).toEqual(['pcscd-socket-unit-stopped']);
  });

  it('polkit refusing the client: pcscd runs, the socket is there, the context is refused', () => {
    const system = {
      files: { ...SOCKET, '/usr/share/polkit-1/actions/org.debian.pcsc-lite.policy': '' },
      processes: [{ pid: 9, name: 'pcscd', args: ['--foreground', '--auto-exit'] }],
      env: { USER: 'ann' },
    };
    const conflict = only(system, NO_SERVICE);
    expect(conflict.id).toBe('polkit-refused-client');
    expect(conflict.fix).toContain('org.debian.pcsc-lite.access_pcsc');
    expect(conflict.fix).toContain('subject.user == "ann"');
    expect(ids(system, REACHABLE)).toEqual([]);
  });
});

describe('doctor: platform conflicts on a faked Windows machine', () => {
  const enabledPnp = { 'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\ScPnP /v EnableScPnP': '    EnableScPnP    REG_DWORD    0x0\n' };

  it('the Smart Card service stopped with manual start: start it, keep it running, link the quirk', () => {
    const found = detectConflicts(
      fakeSystem({
        os: 'win32',
        commands: {
          ...enabledPnp,
          'sc query SCardSvr': 'SERVICE_NAME: SCardSvr\n        STATE              : 1  STOPPED\n',
          'sc qc SCardSvr': '        START_TYPE         : 3   DEMAND_START\n',
        },
      }),
      NO_SERVICE,
    );
    expect(found.map((entry) => entry.id)).toEqual(['windows-smart-card-service-stopped', 'windows-transaction-five-seconds']);
    expect(found[0]!.found).toContain('STOPPED, start type DEMAND_START');
    expect(found[0]!.fix).toBe('sc start SCardSvr (as administrator); sc config SCardSvr start= auto keeps it running');
    expect(found[0]!.quirk).toBe('service-stops-with-last-reader');
  });

  it('a disabled service needs its start type changed first', () => {
    const found = detectConflicts(
      fakeSystem({ os: 'win32', commands: { ...enabledPnp, 'sc query SCardSvr': 'STATE : 1 STOPPED', 'sc qc SCardSvr': 'START_TYPE : 4 DISABLED' } }),
      NO_SERVICE,
    );
    expect(found[0]!.fix).toMatch(/^sc config SCardSvr start= demand, then sc start SCardSvr/);
  });

  it('a running service leaves the notes: the 5-second transaction rule and Smart Card Plug and Play', () => {
    const found = detectConflicts(fakeSystem({ os: 'win32', commands: { 'sc query SCardSvr': 'STATE : 4 RUNNING' } }), REACHABLE);
    expect(found.map((entry) => [entry.id, entry.kind])).toEqual([
      ['windows-smart-card-plug-and-play', 'note'],
      ['windows-transaction-five-seconds', 'note'],
    ]);
    expect(found[0]!.fix).toContain('EnableScPnP /t REG_DWORD /d 0');
    expect(found[1]!.found).toContain('5 seconds');
  });
});

describe('doctor: platform conflicts on a faked macOS machine', () => {
  const ctk = [{ pid: 300, name: 'com.apple.ctkpcscd', args: [] }];

  it('no reader listed and useIFDCCID off: the defaults write that switches to the CCID driver', () => {
    const found = detectConflicts(
      fakeSystem({
        os: 'darwin',
        processes: ctk,
        commands: { 'defaults read /Library/Preferences/com.apple.security.smartcard DisabledTokens': '(\n    "com.apple.CryptoTokenKit.pivtoken"\n)' },
      }),
      { reachable: true, readerCount: 0 },
    );
    expect(found.map((entry) => entry.id)).toEqual(['macos-use-ifd-ccid']);
    expect(found[0]!.fix).toContain('useIFDCCID -bool yes');
  });

  it('CryptoTokenKit running with the PIV token driver on: how to turn it off; useIFDCCID on: no conflict', () => {
    const found = detectConflicts(
      fakeSystem({ os: 'darwin', processes: ctk, commands: { 'defaults read /Library/Preferences/com.apple.security.smartcard useIFDCCID': '1\n' } }),
      { reachable: true, readerCount: 0 },
    );
    expect(found.map((entry) => entry.id)).toEqual(['macos-cryptotokenkit-holds-card']);
    expect(found[0]!.fix).toContain('DisabledTokens -array com.apple.CryptoTokenKit.pivtoken');
  });
});
