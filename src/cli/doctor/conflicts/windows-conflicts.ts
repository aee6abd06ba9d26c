import type { Conflict, ServiceFindings, SystemView } from './conflict';

/** `sc query` / `sc qc` lines: "STATE : 1  STOPPED", "START_TYPE : 3   DEMAND_START". */
function scField(output: string | undefined, field: string): string | undefined {
  const match = new RegExp(`${field}\\s*:\\s*\\d+\\s+(\\w+)`).exec(output ?? '');
  return match?.[1];
}

/** The Smart Card service (SCardSvr) stopped, disabled, or set to start only while a reader is plugged in. */
export function smartCardServiceConflict(view: SystemView, service: ServiceFindings): Conflict | undefined {
  const state = scField(view.command('sc', ['query', 'SCardSvr']), 'STATE');
  const startType = scField(view.command('sc', ['qc', 'SCardSvr']), 'START_TYPE');
  if (state === 'RUNNING' || (state === undefined && service.reachable)) return undefined;
  const disabled = startType === 'DISABLED';
  return {
    id: 'windows-smart-card-service-stopped',
    kind: 'conflict',
    found:
      `the Smart Card service (SCardSvr) is ${state ?? 'not answering'}${startType ? `, start type ${startType}` : ''}: ` +
      'set to manual (trigger) start, Windows starts it when a reader is plugged in and stops it with the last one; until then every call answers SCARD_E_NO_SERVICE',
    fix: `${disabled ? 'sc config SCardSvr start= demand, then ' : ''}sc start SCardSvr (as administrator); sc config SCardSvr start= auto keeps it running`,
    quirk: 'service-stops-with-last-reader',
  };
}

/** Windows resets a card whose transaction sees no call for more than five seconds. */
export function transactionTimeNote(): Conflict {
  return {
    id: 'windows-transaction-five-seconds',
    kind: 'note',
    found:
      'Windows ends a transaction (SCardBeginTransaction) that sees no call on its card for more than 5 seconds and resets the card; ' +
      'the next call answers SCARD_W_RESET_CARD (CardResetError)',
    fix: 'keep transactions short, with no user prompt inside; send a command (e.g. GET STATUS) at least every few seconds while one must stay open',
  };
}

/** Smart Card Plug and Play probes each new card for a minidriver, holding and resetting it meanwhile. */
export function plugAndPlayNote(view: SystemView): Conflict | undefined {
  const policy = view.command('reg', ['query', 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\ScPnP', '/v', 'EnableScPnP']);
  if (policy !== undefined && /EnableScPnP\s+REG_DWORD\s+0x0\b/.test(policy)) return undefined;
  return {
    id: 'windows-smart-card-plug-and-play',
    kind: 'note',
    found:
      'Smart Card Plug and Play is on: for a card without a minidriver Windows tries to install one ("device driver software was not ' +
      'successfully installed"), connecting to the card and resetting it while an application may be using it',
    fix:
      'turn it off: Group Policy "Turn on Smart Card Plug and Play service" = Disabled, or ' +
      'reg add HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\ScPnP /v EnableScPnP /t REG_DWORD /d 0 /f',
  };
}
