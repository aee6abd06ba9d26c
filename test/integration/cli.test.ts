/** `resilient-pcsc` against a real pcscd with the vpcd virtual card, run from the sources as a subprocess. */
import { spawn } from 'node:child_process';
import { Pcsc } from '../../src/compose/pcsc';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { VirtualCard } from '../../src/testing/virtual-card';
import type { VpcdAttachment } from '../../src/testing/vpcd-link';
import { withHarness } from '../harness/with-harness';
import { runCli } from '../unit/cli/run-cli';
import { COMMAND, SELECT, waitForReaderState } from '../fixtures/seed';

const harness = withHarness();
jest.setTimeout(60_000);

const DATA = '00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D';
const SECOND_READER = 'Virtual PCD 00 01';

/**
 * Takes a card out of the second slot and waits until pcscd shows the slot empty: pcscd takes a card
 * put in before that for the one that left, and never powers it up.
 */
async function emptySecondSlot(slot: VpcdAttachment): Promise<void> {
  await slot.remove();
  const pcsc = await Pcsc.open();
  try {
    await waitForReaderState(pcsc, SECOND_READER, (state) => state === 'empty');
  } finally {
    await pcsc.close();
  }
}

describe('resilient-pcsc on a real pcscd', () => {
  it('scan --once lists the vpcd readers and the virtual card with its ATR', async () => {
    const result = await runCli(['scan', '--once', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { readers: Array<{ name: string; state: string; atr?: string; atrAnalysis?: string[] }> };
    expect(report.readers.map((reader) => [reader.name, reader.state, reader.atr])).toEqual([
      [harness.readerName, 'present', '3B 80 80 01 01 01'],
      ['Virtual PCD 00 01', 'empty', undefined],
    ]);
    expect(report.readers[0]?.atrAnalysis).toContain('Protocols: T=0, T=1');
  });

  it('send talks to the card and a reset line resets it', async () => {
    const resets = harness.card.resetCount;
    const result = await runCli(['send', SELECT, COMMAND, 'reset', COMMAND]);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      `Reader: ${harness.readerName}`,
      'Protocol: T=1',
      `> ${SELECT}`,
      '< 90 00 : Success',
      `> ${COMMAND}`,
      `< ${DATA} 90 00 : Success`,
      '> RESET',
      '< OK: 3B 80 80 01 01 01',
      `> ${COMMAND}`,
      '< 69 85 : Conditions of use not satisfied',
    ]);
    expect(harness.card.resetCount).toBeGreaterThan(resets);
  });

  it('send exits 1 with the sharing violation while another application holds the card exclusively', async () => {
    const holder = await Pcsc.open();
    try {
      const card = await holder.connect(harness.readerName, { share: 'exclusive' });
      const result = await runCli(['send', '--json', SELECT]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { codeName: 'SCARD_E_SHARING_VIOLATION' } });
      await card.disconnect();
    } finally {
      await holder.close();
    }
  });

  it('scan follows the card being removed and inserted', async () => {
    const child = spawn('node_modules/.bin/tsx', ['src/cli/main.ts', 'scan', '--json', '--brief', '--timeout', '20'], {
      cwd: `${__dirname}/../..`,
    });
    const events: Array<{ event: string; reader?: { name: string } }> = [];
    let buffered = '';
    const waitFor = (event: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} event; got ${JSON.stringify(events)}`)), 10_000);
        const check = (): void => {
          if (events.some((seen) => seen.event === event)) {
            clearTimeout(timer);
            resolve();
          } else setTimeout(check, 20);
        };
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as { event: string });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitFor('snapshot');
      await harness.removeCard();
      await waitFor('card-removed');
      await harness.insertCard();
      await waitFor('card-inserted');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(events.map((seen) => seen.event)).toEqual(['snapshot', 'card-removed', 'card-inserted']);
    expect(events[1]?.reader?.name).toBe(harness.readerName);
  });

  it('send reports a card that answers nothing as an error (exit 1), never as ok', async () => {
    let slot: VpcdAttachment | undefined = undefined;
    // The card leaves while the command is in flight: vpcd then hands pcscd "success" with no bytes.
    const vanishing = new VirtualCard({
      atr: '3B 80 80 01 01 01',
      respond: () => {
        void slot?.remove();
        return '90 00';
      },
    });
    slot = await vanishing.attachToVpcd({ port: 35964 });
    try {
      await slot.whenActivated();
      const result = await runCli(['send', '--json', '-r', 'Virtual PCD 00 01', SELECT]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as { ok: boolean; exchanges: unknown[]; error: { name: string; message: string } };
      expect(report.ok).toBe(false);
      expect(report.exchanges).toEqual([]);
      expect(report.error).toMatchObject({ name: 'CardCommunicationError', message: expect.stringContaining('Card returned no valid response') });
    } finally {
      await emptySecondSlot(slot);
    }
  });

  it('send follows 61xx with GET RESPONSE under T=0 like the library; --no-get-response shows the 61xx', async () => {
    const seen: string[] = [];
    const t0Card = new VirtualCard({
      // T=0 only: TS 3B, T0 02 (no interface bytes, two historical bytes).
      atr: '3B 02 14 50',
      respond: (apdu) => {
        const hex = Buffer.from(apdu).toString('hex').toUpperCase();
        seen.push(hex);
        if (hex === '80CA000000') return '61 04';
        // GET RESPONSE, with the CLA of the command it follows.
        if (hex === '80C0000004') return 'DE AD BE EF 90 00';
        return '6D 00';
      },
    });
    const slot = await t0Card.attachToVpcd({ port: 35964 });
    try {
      await slot.whenActivated();
      const followed = await runCli(['send', '-r', 'Virtual PCD 00 01', '80 CA 00 00 00']);
      expect(followed.stderr).toBe('');
      expect(followed.code).toBe(0);
      expect(followed.lines).toEqual(['Reader: Virtual PCD 00 01', 'Protocol: T=0', '> 80 CA 00 00 00', '< DE AD BE EF 90 00 : Success']);
      expect(seen).toEqual(['80CA000000', '80C0000004']);
      seen.length = 0;
      const raw = await runCli(['send', '--no-get-response', '-r', 'Virtual PCD 00 01', '80 CA 00 00 00']);
      expect(raw.code).toBe(0);
      expect(raw.lines.slice(1)).toEqual(['Protocol: T=0', '> 80 CA 00 00 00', expect.stringMatching(/^< 61 04 : /)]);
      expect(seen).toEqual(['80CA000000']);
    } finally {
      await emptySecondSlot(slot);
    }
  });

  it('doctor finds the service and both readers', async () => {
    const result = await runCli(['doctor']);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual(expect.arrayContaining(['PC/SC service: reachable', 'Readers: 2', 'Result: OK']));
    // Debian 12's pcscd 1.9.9 speaks 4.4, and 'auto' takes 'pcscd' first on Linux where it answers.
    expect(result.lines).toEqual(
      expect.arrayContaining([
        'Driver: pcscd; capabilities missing: none',
        "  Driver choice 'auto':",
        "    winscard: not tried - 'pcscd' comes before it",
        "  pcscd socket /run/pcscd/pcscd.comm: protocol 4.4 spoken, daemon's own 4.4",
      ]),
    );
  });

  it('without pcscd, doctor, scan and send exit 1', async () => {
    await stopPcscd();
    const doctor = await runCli(['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ ok: false, service: { reachable: false } });
    expect(JSON.parse(doctor.stdout).service.error.advice).toContain('systemctl start pcscd.socket');
    // 'auto' passes over 'pcscd' (nothing answers) and says so; 'winscard' loads, then finds no service.
    const report = JSON.parse(doctor.stdout) as {
      driverSelection: { trials: Array<{ name: string; outcome: string; reason: string }> };
      driver: { name: string; winscard: { library: string; loadedFrom: string } };
    };
    expect(report.driverSelection.trials[0]).toMatchObject({
      name: 'pcscd',
      outcome: 'unavailable',
      reason: expect.stringMatching(/does not answer on \/run\/pcscd\/pcscd\.comm/),
    });
    expect(report.driverSelection.trials[1]).toMatchObject({ name: 'winscard', outcome: 'chosen' });
    expect(report.driver.name).toBe('winscard');
    expect(report.driver.winscard).toMatchObject({ library: 'libpcsclite.so.1', loadedFrom: expect.stringMatching(/^\/.*\/libpcsclite\.so\.1/) });
    const scan = await runCli(['scan', '--once']);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toContain('resilient-pcsc:');
    expect(scan.stderr).toContain('sudo systemctl start pcscd.socket');
    const send = await runCli(['send', SELECT]);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain('sudo systemctl start pcscd.socket');
  });

  it('scan --timeout with pcscd stopped throughout exits 1 after saying the service is not running', async () => {
    await stopPcscd();
    const result = await runCli(['scan', '--timeout', '3']);
    expect(result.stdout).toContain('PC/SC service not running');
    expect(result.stderr).toContain('resilient-pcsc: the PC/SC service was not running when scan ended');
    expect(result.code).toBe(1);
    const json = await runCli(['scan', '--json', '--timeout', '1']);
    expect(json.code).toBe(1);
    expect(json.lines.map((line) => (JSON.parse(line) as { event?: string; ok?: boolean }).ok)).toContain(false);
  });

  it('scan (following) waits for a stopped pcscd and reports the service and its readers when it starts', async () => {
    await stopPcscd();
    const child = spawn('node_modules/.bin/tsx', ['src/cli/main.ts', 'scan', '--json', '--brief', '--timeout', '40'], {
      cwd: `${__dirname}/../..`,
    });
    const events: Array<{ event: string; readers?: unknown[]; reader?: { name: string } }> = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as { event: string });
    });
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve((exitCode = code))));
    const waitFor = async (event: string): Promise<void> => {
      for (let tries = 0; tries < 1000 && !events.some((seen) => seen.event === event); tries += 1) {
        if (exitCode !== undefined) throw new Error(`scan exited (${exitCode}) before ${event}; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (!events.some((seen) => seen.event === event)) throw new Error(`no ${event} event; got ${JSON.stringify(events)}`);
    };
    try {
      await waitFor('snapshot');
      expect(events[0]?.readers).toEqual([]);
      await startPcscd();
      await harness.insertCard();
      await waitFor('service-restored');
      expect(exitCode).toBeUndefined();
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
