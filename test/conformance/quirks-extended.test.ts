import type { PcscDriver } from '../../src/driver/pcsc-driver';
import { SCARD_E_NOT_TRANSACTED, SCARD_E_PROTO_MISMATCH, SCARD_W_REMOVED_CARD, SCARD_W_RESET_CARD } from '../../src/driver/return-codes';
import { SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_DIRECT, SCARD_SHARE_SHARED } from '../../src/driver/scard-constants';
import { resolveQuirkProfile, withQuirks, type QuirksOption } from '../../src/quirks';
import { SimulatedPcsc, type PersonalityName } from '../../src/simulator';
import { VirtualCard } from '../../src/testing';

const T0_CARD = '3B 02 14 50';

function wrap(sim: SimulatedPcsc, option: QuirksOption, notices: string[] = []): PcscDriver {
  const driver = sim.driver();
  return withQuirks(driver, resolveQuirkProfile(option, driver.platform, undefined), (notice) => notices.push(notice.quirk));
}

async function connected(personality: PersonalityName, option: QuirksOption) {
  const sim = new SimulatedPcsc({ personality, idlePowerOffMs: false });
  const slot = sim.addReader('Gemalto PC Twin Reader');
  slot.insert(new VirtualCard({ atr: '3B 80 80 01 01 01', respond: () => '90 00' }));
  const driver = wrap(sim, option);
  const context = (await driver.establishContext()).value ?? 0;
  const [reader = ''] = (await driver.listReaders(context)).value ?? [];
  const handle = (await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1)).value?.handle ?? 0;
  return { slot, driver, handle };
}

describe.each([['without', 'none'] as const, ['with', 'auto'] as const])('extended quirks %s workarounds', (label, option) => {
  it('High Sierra: SCardTransmit after a card swap reports the removal', async () => {
    const { slot, driver, handle } = await connected('darwin-17', option);
    slot.remove();
    slot.insert(new VirtualCard({ atr: '3B 80 80 01 01 02', respond: () => '90 00' }));
    const outcome = await driver.transmit(handle, SCARD_PROTOCOL_T1, Uint8Array.of(0, 0xa4, 4, 0));
    expect(outcome.rc).toBe(label === 'with' ? SCARD_W_REMOVED_CARD : SCARD_W_RESET_CARD);
  });

  it('El Capitan: SCardBeginTransaction after a card swap reports the removal', async () => {
    const { slot, driver, handle } = await connected('darwin-15', option);
    slot.remove();
    slot.insert(new VirtualCard({ atr: '3B 80 80 01 01 02', respond: () => '90 00' }));
    expect(await driver.beginTransaction(handle)).toBe(label === 'with' ? SCARD_W_REMOVED_CARD : SCARD_W_RESET_CARD);
  });

  it('Yosemite: SCardConnect with a protocol the card lacks reports a protocol mismatch', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-14', idlePowerOffMs: false });
    sim.addReader('Gemalto PC Twin Reader').insert(new VirtualCard({ atr: T0_CARD, respond: () => '90 00' }));
    const driver = wrap(sim, option);
    const context = (await driver.establishContext()).value ?? 0;
    const [reader = ''] = (await driver.listReaders(context)).value ?? [];
    const outcome = await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    expect(outcome.rc).toBe(label === 'with' ? SCARD_E_PROTO_MISMATCH : SCARD_E_NOT_TRANSACTED);
  });

  it('Sonoma 14.2: a failing SCardControl names the platform bug', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-23', idlePowerOffMs: false });
    sim.addReader('Gemalto PC Twin Reader', { control: () => Uint8Array.of() });
    const notices: string[] = [];
    const driver = wrap(sim, option, notices);
    const context = (await driver.establishContext()).value ?? 0;
    const [reader = ''] = (await driver.listReaders(context)).value ?? [];
    const handle = (await driver.connect(context, reader, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)).value?.handle ?? 0;
    expect((await driver.control(handle, 0x42000d48, new Uint8Array(0))).rc).toBe(SCARD_E_NOT_TRANSACTED);
    expect(notices).toEqual(label === 'with' ? ['control-not-transacted'] : []);
  });
});
