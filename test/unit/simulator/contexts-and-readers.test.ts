import { SCARD_E_INVALID_HANDLE, SCARD_E_NO_READERS_AVAILABLE, SCARD_S_SUCCESS } from '../../../src/driver/return-codes';
import { SimulatedPcsc } from '../../../src/testing';
import { appletCard, connectShared, openApplication, valueOf } from './simulator-fixtures';

describe('simulated contexts and reader list', () => {
  it('answers SCARD_E_NO_READERS_AVAILABLE when no reader is plugged in', async () => {
    const app = await openApplication(new SimulatedPcsc());
    expect((await app.driver.listReaders(app.context)).rc).toBe(SCARD_E_NO_READERS_AVAILABLE);
  });

  it('lists readers the pcsc-lite way: numbered by the first free index, in index order', async () => {
    const sim = new SimulatedPcsc();
    const app = await openApplication(sim);
    const twin = sim.addReader('Gemalto PC Twin Reader');
    sim.addReader('SCM SCR 3310');
    expect(twin.name).toBe('Gemalto PC Twin Reader 00 00');
    expect(valueOf(await app.driver.listReaders(app.context))).toEqual(['Gemalto PC Twin Reader 00 00', 'SCM SCR 3310 01 00']);

    sim.removeReader('Gemalto PC Twin Reader 00 00');
    sim.addReader('Virtual PCD 00 00');
    sim.addReader('Identiv uTrust');
    expect(valueOf(await app.driver.listReaders(app.context))).toEqual(['Virtual PCD 00 00', 'SCM SCR 3310 01 00', 'Identiv uTrust 02 00']);
  });

  it('keeps names as given on macOS', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-15' });
    const slot = sim.addReader('Gemalto PC Twin Reader');
    const app = await openApplication(sim);
    expect(slot.name).toBe('Gemalto PC Twin Reader');
    expect(valueOf(await app.driver.listReaders(app.context))).toEqual(['Gemalto PC Twin Reader']);
    expect(() => sim.addReader('Gemalto PC Twin Reader')).toThrow(/already plugged in/);
  });

  it('removes a reader by the name it was added with', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader A');
    sim.removeReader('Reader A');
    expect(slot.available).toBe(false);
    expect(sim.readers).toEqual([]);
    expect(() => sim.removeReader('Reader A')).toThrow(/No reader named "Reader A"/);
  });

  it('refuses a second card in a slot, and ignores removing from an empty one', () => {
    const slot = new SimulatedPcsc().addReader('Reader');
    slot.insert(appletCard());
    expect(() => slot.insert(appletCard())).toThrow(/already holds a card/);
    slot.remove();
    expect(() => slot.remove()).not.toThrow();
    expect(slot.card).toBeUndefined();
  });

  it('answers SCARD_E_INVALID_HANDLE for a context it never made or already released', async () => {
    const sim = new SimulatedPcsc();
    sim.addReader('Reader');
    const app = await openApplication(sim);
    expect((await app.driver.listReaders(12345)).rc).toBe(SCARD_E_INVALID_HANDLE);
    expect(await app.driver.releaseContext(app.context)).toBe(SCARD_S_SUCCESS);
    expect(await app.driver.releaseContext(app.context)).toBe(SCARD_E_INVALID_HANDLE);
    expect((await app.driver.listReaders(app.context)).rc).toBe(SCARD_E_INVALID_HANDLE);
    expect(await app.driver.cancel(app.context)).toBe(SCARD_E_INVALID_HANDLE);
  });

  it('keeps each application to its own contexts and handles', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader');
    slot.insert(appletCard());
    const app1 = await openApplication(sim);
    const app2 = await openApplication(sim);
    const { handle } = await connectShared(app1, slot.name);
    expect((await app2.driver.listReaders(app1.context)).rc).toBe(SCARD_E_INVALID_HANDLE);
    expect((await app2.driver.status(handle)).rc).toBe(SCARD_E_INVALID_HANDLE);
  });

  it('releasing a context disconnects its handles', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader');
    slot.insert(appletCard());
    const app = await openApplication(sim);
    const { handle } = await connectShared(app, slot.name);
    expect(await app.driver.releaseContext(app.context)).toBe(SCARD_S_SUCCESS);
    expect((await app.driver.status(handle)).rc).toBe(SCARD_E_INVALID_HANDLE);
  });
});
