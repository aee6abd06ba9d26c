import { SCARD_E_NO_SERVICE } from '../../../errors/return-codes';
import type { Conflict, ServiceFindings, SystemView } from './conflict';

const DEFAULT_SOCKET = '/run/pcscd/pcscd.comm';
const SOCKET_UNITS = ['/lib/systemd/system/pcscd.socket', '/usr/lib/systemd/system/pcscd.socket'];
const POLKIT_ACTIONS = '/usr/share/polkit-1/actions/org.debian.pcsc-lite.policy';
const PROTOCOLS =
  "a client library speaks one protocol of pcscd's (e.g. 4.4 in pcsc-lite 1.9, 4.5 in 2.3, 4.6 in 2.5); driver 'pcscd' speaks all three " +
  'without libpcsclite, so it is the better choice when the library inside differs from the daemon outside';

function socketPath(view: SystemView): string {
  return view.env.PCSCLITE_CSOCK_NAME || DEFAULT_SOCKET;
}

function sandbox(view: SystemView): 'Flatpak' | 'container' | undefined {
  if (view.exists('/.flatpak-info') || view.env.FLATPAK_ID) return 'Flatpak';
  if (view.exists('/.dockerenv') || view.exists('/run/.containerenv') || view.env.container) return 'container';
  return undefined;
}

/** No pcscd socket where the client looks: inside a container or Flatpak, or where PCSCLITE_CSOCK_NAME points. */
export function socketConflict(view: SystemView): Conflict | undefined {
  const socket = socketPath(view);
  if (view.exists(socket)) return undefined;
  const inside = sandbox(view);
  const named = view.env.PCSCLITE_CSOCK_NAME ? ` (PCSCLITE_CSOCK_NAME=${view.env.PCSCLITE_CSOCK_NAME})` : '';
  if (inside === 'Flatpak') {
    return {
      id: 'pcscd-socket-outside-sandbox',
      kind: 'conflict',
      found: `this Flatpak has no pcscd socket at ${socket}${named}`,
      fix: `give the app the host's pcscd: flatpak override --user --socket=pcsc APP_ID; ${PROTOCOLS}`,
    };
  }
  if (inside === 'container') {
    return {
      id: 'pcscd-socket-outside-sandbox',
      kind: 'conflict',
      found: `this container has no pcscd socket at ${socket}${named}`,
      fix: `bind-mount the host's socket directory: docker run -v /run/pcscd:/run/pcscd ... (podman alike), or set PCSCLITE_CSOCK_NAME to where it is mounted; ${PROTOCOLS}`,
    };
  }
  if (!view.env.PCSCLITE_CSOCK_NAME) return undefined;
  return {
    id: 'pcscd-socket-missing',
    kind: 'conflict',
    found: `PCSCLITE_CSOCK_NAME names ${socket}, which does not exist`,
    fix: 'unset PCSCLITE_CSOCK_NAME to use /run/pcscd/pcscd.comm, or point it at the socket pcscd serves',
  };
}

/** A pcscd run by hand beside systemd's socket activation, or the socket unit stopped. */
export function activationConflict(view: SystemView): Conflict | undefined {
  if (!SOCKET_UNITS.some((unit) => view.exists(unit)) || sandbox(view)) return undefined;
  const daemons = view.processes().filter((entry) => entry.name === 'pcscd');
  // systemd starts pcscd with --auto-exit; one without it was started some other way.
  const byHand = daemons.find((entry) => !entry.args.includes('--auto-exit'));
  if (byHand) {
    return {
      id: 'pcscd-by-hand-beside-systemd',
      kind: 'conflict',
      found:
        `pcscd (pid ${byHand.pid}) was started by hand although systemd's pcscd.socket starts it on demand: when it stops it removes ` +
        `${DEFAULT_SOCKET}, where systemd still listens, and clients find no pcscd`,
      fix: `stop it (sudo kill ${byHand.pid}) and let systemd start pcscd: sudo systemctl restart pcscd.socket`,
    };
  }
  if (daemons.length === 0 && !view.exists(socketPath(view))) {
    return {
      id: 'pcscd-socket-unit-stopped',
      kind: 'conflict',
      found: `systemd's pcscd.socket is installed but nothing listens on ${socketPath(view)}`,
      fix: 'sudo systemctl enable --now pcscd.socket (systemd then starts pcscd on the first connection)',
    };
  }
  return undefined;
}

/** pcscd runs and its socket is there, yet it hung up on this client: polkit refused it. */
export function polkitConflict(view: SystemView, service: ServiceFindings): Conflict | undefined {
  if (service.reachable || service.code !== SCARD_E_NO_SERVICE) return undefined;
  if (!view.exists(socketPath(view)) || !view.exists(POLKIT_ACTIONS)) return undefined;
  if (!view.processes().some((entry) => entry.name === 'pcscd')) return undefined;
  const user = view.env.USER ?? 'USER';
  return {
    id: 'polkit-refused-client',
    kind: 'conflict',
    found:
      'pcscd runs and its socket exists, but it hung up on this client: pcscd built with polkit refuses clients outside an active ' +
      'local session (SSH, services, containers); journalctl -u pcscd shows "Rejected unauthorized PC/SC client"',
    fix:
      `allow this user in /etc/polkit-1/rules.d/50-pcscd.rules: polkit.addRule(function(action, subject) { if ((action.id == ` +
      `"org.debian.pcsc-lite.access_pcsc" || action.id == "org.debian.pcsc-lite.access_card") && subject.user == "${user}") ` +
      'return polkit.Result.YES; }); or run pcscd with --disable-polkit',
  };
}
