import { guardSignalFor, resolveQuirkProfile } from '../../../src/quirks';
import { SimulatedPcsc } from '../../../src/simulator';

describe('guardSignalFor', () => {
  it('picks SCardStatus where it reports resets, and says none on Yosemite', () => {
    const capitan = new SimulatedPcsc({ personality: 'darwin-15' }).driver();
    expect(guardSignalFor(resolveQuirkProfile('auto', capitan.platform, undefined), capitan)).toMatchObject({ signal: 'status', confidence: 'high' });
    const yosemite = new SimulatedPcsc({ personality: 'darwin-14' }).driver();
    expect(guardSignalFor(resolveQuirkProfile('auto', yosemite.platform, undefined), yosemite)).toMatchObject({ signal: 'none', confidence: 'low' });
  });
});
