import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_UNDEFINED, SCARD_SHARE_DIRECT } from '../../../src/driver/scard-constants';
import { COMMAND, SELECT, bench, connectShared, statusWord, valueOf } from './simulator-fixtures';

describe('simulated on-demand power-off of unused cards', () => {
  let now = 1_000_000;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('keeps a card that was used moments ago powered, so its applet stays selected', async () => {
    const { app1, slot, card } = await bench();
    const first = await connectShared(app1, slot.name);
    await app1.driver.transmit(first.handle, first.protocol, SELECT);
    await app1.driver.disconnect(first.handle, SCARD_LEAVE_CARD);
    now += 4_999;
    const second = await connectShared(app1, slot.name);
    expect(statusWord(await app1.driver.transmit(second.handle, second.protocol, COMMAND))).toBe('90 00');
    expect(card.resetCount).toBe(1);
  });

  it('powers a card down after 5 s without connections, so the next connect resets it', async () => {
    const { app1, slot, card } = await bench();
    const first = await connectShared(app1, slot.name);
    await app1.driver.transmit(first.handle, first.protocol, SELECT);
    now += 60_000;
    await app1.driver.disconnect(first.handle, SCARD_LEAVE_CARD);
    now += 5_000;
    const second = await connectShared(app1, slot.name);
    expect(card.resetCount).toBe(2);
    expect(statusWord(await app1.driver.transmit(second.handle, second.protocol, COMMAND))).toBe('69 85');
  });

  it('counts from the insertion for a card nobody connected to', async () => {
    const { app1, slot, card } = await bench();
    now += 5_000;
    await connectShared(app1, slot.name);
    expect(card.resetCount).toBe(2);
  });

  it('follows a configured delay, or never powers down when told so', async () => {
    const quick = await bench({ idlePowerOffMs: 400 });
    now += 400;
    await connectShared(quick.app1, quick.slot.name);
    expect(quick.card.resetCount).toBe(2);

    const never = await bench({ idlePowerOffMs: false });
    now += 3_600_000;
    await connectShared(never.app1, never.slot.name);
    expect(never.card.resetCount).toBe(1);
  });
  it('powerDownIfIdle() runs the power-down at once, for a card not in use only', async () => {
    const { app1, slot, card } = await bench({ idlePowerOffMs: false });
    const first = await connectShared(app1, slot.name);
    expect(slot.powerDownIfIdle()).toBe(false);
    await app1.driver.disconnect(first.handle, SCARD_LEAVE_CARD);
    expect(slot.powerDownIfIdle()).toBe(true);
    expect(slot.powerDownIfIdle()).toBe(false);
    const direct = valueOf(await app1.driver.connect(app1.context, slot.name, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED));
    // the negotiated protocol went with the power
    expect(direct.protocol).toBe(SCARD_PROTOCOL_UNDEFINED);
    await connectShared(app1, slot.name);
    expect(card.resetCount).toBe(2);
  });
});
