import { Pcsc } from '../../src/compose/pcsc';
import type { RealDriver } from './drivers';

/** Opens applications (Pcsc instances) on `driver` inside tests; afterEach closes every one. */
export function applications(driver: RealDriver): () => Promise<Pcsc> {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });
  return async () => {
    const pcsc = await Pcsc.open({ driver });
    opened.push(pcsc);
    return pcsc;
  };
}
