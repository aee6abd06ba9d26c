import { SCARD_E_SHARING_VIOLATION, SCARD_E_UNSUPPORTED_FEATURE, SCARD_S_SUCCESS } from '../../../src/driver/return-codes';
import { PNP_NOTIFICATION_READER, SCARD_LEAVE_CARD, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { SIMULATOR_PERSONALITIES, SimulatedPcsc, resolvePersonality } from '../../../src/testing';
import { SELECT, T0_OR_T1, appletCard, connectShared, openApplication } from './simulator-fixtures';

describe('simulator personalities', () => {
  it('stands for Linux with every capability by default', () => {
    const driver = new SimulatedPcsc().driver();
    expect(driver.name).toBe('simulated');
    expect(driver.platform).toEqual({ os: 'linux', release: '6.1.0' });
    expect(Object.values(driver.capabilities).every(Boolean)).toBe(true);
  });

  it.each([
    ['darwin-15', '15.6.0'],
    ['darwin-16', '16.7.0'],
    ['darwin-17', '17.7.0'],
  ] as const)('%s reports Darwin %s and lacks the PnP reader and the event counter', (name, release) => {
    const driver = new SimulatedPcsc({ personality: name }).driver();
    expect(driver.platform).toEqual({ os: 'darwin', release });
    expect(driver.capabilities).toMatchObject({
      pnpNotification: false,
      eventCounter: false,
      status: true,
      reconnect: true,
      transactions: true,
      control: true,
      cancel: true,
      multipleHandlesPerReader: true,
    });
  });

  it('turns on exactly the El Capitan bugs each macOS release still had, and the later ones from the registry', () => {
    const bugs = (name: keyof typeof SIMULATOR_PERSONALITIES) => SIMULATOR_PERSONALITIES[name].bugs;
    const none = {
      protoMismatchOnExclusiveReader: false,
      resetReportedOneTransmitLate: false,
      noServiceInForkedChild: false,
      pinpadBreaksLaterReaders: false,
      statusMissesReset: false,
      powerOffWhileShared: false,
      sharedConnectWaitsForOthers: false,
      inheritedContextCrashes: false,
      truncatesLongAnswers: false,
      serviceStopsWithLastReader: false,
    };
    expect(bugs('linux')).toEqual(none);
    expect(bugs('darwin-14')).toEqual({
      ...none,
      statusMissesReset: true,
      powerOffWhileShared: true,
      sharedConnectWaitsForOthers: true,
      inheritedContextCrashes: true,
    });
    expect(bugs('darwin-15')).toEqual({
      ...none,
      protoMismatchOnExclusiveReader: true,
      resetReportedOneTransmitLate: true,
      noServiceInForkedChild: true,
      pinpadBreaksLaterReaders: true,
      inheritedContextCrashes: true,
    });
    expect(bugs('darwin-16')).toEqual({
      ...none,
      resetReportedOneTransmitLate: true,
      noServiceInForkedChild: true,
      inheritedContextCrashes: true,
      truncatesLongAnswers: true,
    });
    expect(bugs('darwin-17')).toEqual({ ...none, noServiceInForkedChild: true, inheritedContextCrashes: true });
    expect(bugs('win32')).toEqual({ ...none, serviceStopsWithLastReader: true });
  });

  it('accepts a personality object, so new releases can be described without a built-in name', () => {
    const darwin18 = {
      ...SIMULATOR_PERSONALITIES['darwin-17'],
      name: 'darwin-18',
      platform: { os: 'darwin' as const, release: '18.7.0' },
    };
    const sim = new SimulatedPcsc({ personality: darwin18 });
    expect(sim.personality.name).toBe('darwin-18');
    expect(sim.driver().platform.release).toBe('18.7.0');
  });

  it('answers SCARD_E_UNSUPPORTED_FEATURE for the calls a personality lacks', async () => {
    const linux = SIMULATOR_PERSONALITIES.linux;
    const sim = new SimulatedPcsc({
      personality: {
        ...linux,
        name: 'minimal',
        capabilities: {
          ...linux.capabilities,
          status: false,
          reconnect: false,
          transactions: false,
          control: false,
          cancel: false,
        },
      },
    });
    const slot = sim.addReader('Reader');
    slot.insert(appletCard());
    const app = await openApplication(sim);
    const { handle, protocol } = await connectShared(app, slot.name);
    expect((await app.driver.status(handle)).rc).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect((await app.driver.reconnect(handle, SCARD_SHARE_SHARED, T0_OR_T1, SCARD_LEAVE_CARD)).rc).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect(await app.driver.beginTransaction(handle)).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect(await app.driver.endTransaction(handle, SCARD_LEAVE_CARD)).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect((await app.driver.control(handle, 1, new Uint8Array(0))).rc).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect(await app.driver.cancel(app.context)).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect((await app.driver.transmit(handle, protocol, SELECT)).rc).toBe(SCARD_S_SUCCESS);
  });

  it('keeps an application to one handle per reader when the personality says so', async () => {
    const linux = SIMULATOR_PERSONALITIES.linux;
    const sim = new SimulatedPcsc({
      personality: { ...linux, capabilities: { ...linux.capabilities, multipleHandlesPerReader: false } },
    });
    const slot = sim.addReader('Reader');
    slot.insert(appletCard());
    const app = await openApplication(sim);
    const other = await openApplication(sim);
    await connectShared(app, slot.name);
    expect((await app.driver.connect(app.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_E_SHARING_VIOLATION);
    expect((await other.driver.connect(other.context, slot.name, SCARD_SHARE_SHARED, T0_OR_T1)).rc).toBe(SCARD_S_SUCCESS);
  });

  it('refuses an unknown personality name', () => {
    expect(() => resolvePersonality('darwin-99' as 'linux')).toThrow(/Unknown simulator personality "darwin-99"/);
  });

  it('exports the PnP reader name it understands', () => {
    expect(PNP_NOTIFICATION_READER).toBe('\\\\?PnP?\\Notification');
  });
});
