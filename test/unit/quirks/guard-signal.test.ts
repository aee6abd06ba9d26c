import { SCARD_S_SUCCESS } from '../../../src/driver/return-codes';
import { SCARD_PROTOCOL_ANY, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { guardSignalFor, resolveQuirkProfile, withQuirks } from '../../../src/quirks';
import { SIMULATOR_PERSONALITIES, SimulatedPcsc } from '../../../src/simulator';
import { seedTestApplet } from '../../../src/testing/sample-cards';
import { COMMAND_BYTES, valueOf } from '../../fixtures/seed';
import { CallLog } from '../../fixtures/call-log';

describe('guardSignalFor', () => {
  it('picks SCardStatus where it reports resets, and says none on Yosemite', () => {
    const capitan = new SimulatedPcsc({ personality: 'darwin-15' }).driver();
    expect(guardSignalFor(resolveQuirkProfile('auto', capitan.platform, undefined), capitan)).toMatchObject({ signal: 'status', confidence: 'high' });
    const yosemite = new SimulatedPcsc({ personality: 'darwin-14' }).driver();
    expect(guardSignalFor(resolveQuirkProfile('auto', yosemite.platform, undefined), yosemite)).toMatchObject({ signal: 'none', confidence: 'low' });
  });

  it('wraps each transmit in a transaction where the driver has no SCardStatus', async () => {
    const personality = {
      ...SIMULATOR_PERSONALITIES['darwin-15'],
      capabilities: { ...SIMULATOR_PERSONALITIES['darwin-15'].capabilities, status: false },
    };
    const sim = new SimulatedPcsc({ personality, idlePowerOffMs: false });
    sim.addReader('Reader').insert(seedTestApplet());
    const log = new CallLog(sim.driver());
    const profile = resolveQuirkProfile('auto', log.platform, undefined);
    expect(guardSignalFor(profile, log)).toMatchObject({ signal: 'transaction', confidence: 'medium' });
    const driver = withQuirks(log, profile);
    const context = valueOf(await driver.establishContext());
    const [reader = ''] = valueOf(await driver.listReaders(context));
    const connected = await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY);
    const outcome = await driver.transmit(valueOf(connected).handle, valueOf(connected).protocol, COMMAND_BYTES);
    expect(outcome.rc).toBe(SCARD_S_SUCCESS);
    expect(log.calls).toEqual(['begin', 'transmit', 'end']);
  });
});
