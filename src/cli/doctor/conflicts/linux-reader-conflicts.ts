import type { Conflict, SystemView } from './conflict';

/** USB ids the kernel's pn533_usb module claims (its id table): PN53x readers pcscd then cannot open. */
const PN53X_READERS: ReadonlyMap<string, string> = new Map([
  ['072f:2200', 'ACS ACR122U'],
  ['04cc:2533', 'NXP PN533'],
  ['054c:02e1', 'Sony PaSoRi'],
]);
const NFC_MODULES = ['pn533_usb', 'pn533', 'nfc'];

function loadedModules(view: SystemView): Set<string> {
  return new Set((view.readText('/proc/modules') ?? '').split('\n').map((line) => line.split(' ')[0] ?? ''));
}

function pluggedPn53x(view: SystemView): string[] {
  const root = '/sys/bus/usb/devices';
  return view.listDir(root).flatMap((device) => {
    const vendor = view.readText(`${root}/${device}/idVendor`)?.trim();
    const product = view.readText(`${root}/${device}/idProduct`)?.trim();
    const name = vendor && product ? PN53X_READERS.get(`${vendor}:${product}`.toLowerCase()) : undefined;
    return name ? [`${name} (${vendor}:${product})`] : [];
  });
}

/** The kernel's NFC stack holding a PN53x reader (ACR122U and others), so pcscd's CCID driver cannot claim it. */
export function kernelNfcConflict(view: SystemView): Conflict | undefined {
  const loaded = loadedModules(view);
  const holding = NFC_MODULES.filter((module) => loaded.has(module));
  if (!holding.includes('pn533_usb') && !holding.includes('pn533')) return undefined;
  const readers = pluggedPn53x(view);
  return {
    id: 'kernel-nfc-claims-reader',
    kind: 'conflict',
    found:
      `the kernel's ${holding.join('/')} modules are loaded${readers.length > 0 ? ` and claim ${readers.join(', ')}` : ''}: ` +
      'pcscd cannot open a PN53x reader they hold ("Can\'t claim interface" in its log), so it is not listed',
    fix:
      'sudo modprobe -r pn533_usb pn533 nfc && sudo systemctl restart pcscd; to keep them off: ' +
      "printf 'blacklist pn533_usb\\nblacklist pn533\\nblacklist nfc\\n' | sudo tee /etc/modprobe.d/blacklist-pn533.conf",
  };
}

function scdaemonOptions(view: SystemView): Set<string> {
  const home = view.env.GNUPGHOME ?? (view.env.HOME ? `${view.env.HOME}/.gnupg` : undefined);
  const text = home ? view.readText(`${home}/scdaemon.conf`) : undefined;
  return new Set(
    (text ?? '')
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0] ?? '')
      .filter((word) => word && !word.startsWith('#')),
  );
}

/** GnuPG's scdaemon holding readers exclusively (its default), or bypassing pcscd with its own CCID driver. */
export function scdaemonConflict(view: SystemView): Conflict | undefined {
  const running = view.processes().find((entry) => entry.name === 'scdaemon');
  if (!running) return undefined;
  const options = scdaemonOptions(view);
  const missing = ['disable-ccid', 'pcsc-shared'].filter((option) => !options.has(option));
  if (missing.length === 0) return undefined;
  return {
    id: 'scdaemon-holds-reader',
    kind: 'conflict',
    found:
      `GnuPG's scdaemon (pid ${running.pid}) runs without ${missing.join(' and ')} in scdaemon.conf: it opens a reader exclusively ` +
      '(or directly over USB with its own CCID driver), so other applications get sharing violations or do not see the reader',
    fix: `add the lines ${missing.join(' and ')} to ~/.gnupg/scdaemon.conf, then: gpgconf --kill scdaemon`,
  };
}
