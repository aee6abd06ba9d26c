import { PcscdDriver } from '../../../../src/adapters/pcscd/pcscd-driver';
import { pcscdAnswers } from '../../../../src/adapters/pcscd/pcscd-answers';
import { DriverUnavailableError } from '../../../../src/driver/driver-unavailable-error';
import * as rc from '../../../../src/driver/return-codes';
import { Command } from '../../../../src/adapters/pcscd/wire-layout';
import { FakePcscd } from './fake-pcscd';

let daemon: FakePcscd | undefined;
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
});

function offeredMinors(fake: FakePcscd): number[] {
  return fake.requests(Command.VERSION).map((request) => request.body.readInt32LE(4));
}

describe("the 'pcscd' driver's version handshake", () => {
  it('speaks 4.6 to a 4.6 daemon (pcsc-lite 2.5.x) in one exchange, though it would accept 4.4 and 4.5', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 6, accepts: [4, 5] } });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    expect((await driver.establishContext()).ok).toBe(true);
    expect(offeredMinors(daemon)).toEqual([6]);
    expect(driver.lastVersion).toEqual({ major: 4, minor: 6, serverMajor: 4, serverMinor: 6 });
    await driver.dispose();
  });

  it('falls back to 4.4 when a 4.4 daemon (pcsc-lite 1.8.24 - 2.2.x) refuses 4.6', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 4 } });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    const context = await driver.establishContext();
    expect(context.ok).toBe(true);
    expect(offeredMinors(daemon)).toEqual([6, 4]);
    expect(driver.lastVersion).toMatchObject({ major: 4, minor: 4, serverMinor: 4 });
    await driver.dispose();
  });

  it('falls back to 4.5 when a 4.5 daemon (pcsc-lite 2.3.x) refuses 4.6, and then asks for reader events', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 5, accepts: [4] } });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    const context = await driver.establishContext();
    expect(context.ok).toBe(true);
    expect(offeredMinors(daemon)).toEqual([6, 5]);
    const pnp = await driver.getStatusChange(context.value ?? 0, [{ reader: '\\\\?PnP?\\Notification', currentState: 0 }], 0);
    expect(pnp.rc).toBe(rc.SCARD_E_TIMEOUT);
    expect(daemon.requests(Command.GET_READER_EVENTS)).toHaveLength(1);
    await driver.dispose();
  });

  it('refuses a 4.3 daemon (pcsc-lite 1.8.23 and older) with DriverUnavailableError naming its protocol', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 3, refusal: rc.SCARD_E_NO_SERVICE } });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    const attempt = driver.establishContext();
    await expect(attempt).rejects.toBeInstanceOf(DriverUnavailableError);
    await expect(attempt).rejects.toThrow(/protocol 4\.3 .*pcsc-lite 1\.8\.9 - 1\.8\.23.*'pcsclite' or 'smartcard'/);
    expect(offeredMinors(daemon)).toEqual([6]);
    await driver.dispose();
  });

  it('refuses a 4.7 daemon that does not accept 4.6, naming 4.7, without offering it anything else', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 7, accepts: [4] } });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    await expect(driver.establishContext()).rejects.toThrow(/protocol 4\.7 \(a pcsc-lite newer than 2\.5\).*speaks 4\.4, 4\.5 and 4\.6/);
    expect(offeredMinors(daemon)).toEqual([6]);
    await driver.dispose();
  });

  it('speaks 4.6 to a newer daemon that still accepts it, and records the daemon’s own version', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 7, accepts: [6] } });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    expect((await driver.establishContext()).ok).toBe(true);
    expect(driver.lastVersion).toMatchObject({ minor: 6, serverMinor: 7 });
    await driver.dispose();
  });

  it('offers a daemon its own version from the second context on, so it refuses (and logs) only once', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 4 } });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    expect((await driver.establishContext()).ok).toBe(true);
    expect((await new PcscdDriver({ socketPath: daemon.path }).establishContext()).ok).toBe(true);
    expect(await pcscdAnswers(daemon.path)).toMatchObject({ protocol: '4.4' });
    expect(offeredMinors(daemon)).toEqual([6, 4, 4, 4]);
    await driver.dispose();
  });

  it('offers 4.6 first again to a new daemon on the same path', async () => {
    const old = await FakePcscd.start({ version: { major: 4, minor: 4 } });
    const driver = new PcscdDriver({ socketPath: old.path });
    expect((await driver.establishContext()).ok).toBe(true);
    await driver.dispose();
    await old.stop();
    daemon = await FakePcscd.start({ version: { major: 4, minor: 6, accepts: [4, 5] }, at: old.path });
    const again = new PcscdDriver({ socketPath: daemon.path });
    expect((await again.establishContext()).ok).toBe(true);
    expect(offeredMinors(daemon)).toEqual([6]);
    expect(again.lastVersion).toMatchObject({ minor: 6 });
    await again.dispose();
  });

  it('moves to 4.6 from the next context on when the daemon behind the same socket turns out to speak it', async () => {
    const version: { major: number; minor: number; accepts?: number[] } = { major: 4, minor: 4 };
    daemon = await FakePcscd.start({ version });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    expect((await driver.establishContext()).ok).toBe(true);
    // Upgraded behind a socket that stayed (systemd socket activation): it still takes 4.4.
    version.minor = 6;
    version.accepts = [4, 5];
    expect((await driver.establishContext()).ok).toBe(true);
    expect(driver.lastVersion).toMatchObject({ minor: 4, serverMinor: 6 });
    expect((await driver.establishContext()).ok).toBe(true);
    expect(driver.lastVersion).toMatchObject({ minor: 6, serverMinor: 6 });
    expect(offeredMinors(daemon)).toEqual([6, 4, 4, 6]);
    await driver.dispose();
  });

  it('answers SCARD_E_NO_SERVICE when nothing listens on the socket path', async () => {
    const driver = new PcscdDriver({ socketPath: '/nonexistent/pcscd.comm' });
    expect((await driver.establishContext()).rc).toBe(rc.SCARD_E_NO_SERVICE);
  });
});

describe('pcscdAnswers', () => {
  it('reports the protocol spoken and the daemon’s own', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 6, accepts: [4, 5] } });
    expect(await pcscdAnswers(daemon.path)).toEqual({ socketPath: daemon.path, protocol: '4.6', serverProtocol: '4.6' });
    await daemon.stop();
    daemon = await FakePcscd.start({ version: { major: 4, minor: 5, accepts: [4] } });
    expect(await pcscdAnswers(daemon.path)).toEqual({ socketPath: daemon.path, protocol: '4.5', serverProtocol: '4.5' });
  });

  it('gives the reason when the daemon speaks another protocol or nothing listens', async () => {
    daemon = await FakePcscd.start({ version: { major: 4, minor: 3, refusal: rc.SCARD_E_NO_SERVICE } });
    expect(await pcscdAnswers(daemon.path)).toMatchObject({ reason: expect.stringMatching(/protocol 4\.3/) });
    expect(await pcscdAnswers('/nonexistent/pcscd.comm')).toMatchObject({ reason: expect.stringMatching(/Cannot reach pcscd at \/nonexistent/) });
  });

  it('gives up on a daemon that never answers the handshake', async () => {
    daemon = await FakePcscd.start({ override: () => true });
    expect(await pcscdAnswers(daemon.path, 50)).toMatchObject({ reason: expect.stringMatching(/no answer within 50 ms/) });
  });
});
