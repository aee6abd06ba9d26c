import { Pcsc } from '../../../src/compose/pcsc';
import * as rc from '../../../src/driver/return-codes';
import { errorFromCode } from '../../../src/errors/error-table';
import { NoServiceError, PcscError } from '../../../src/errors/pcsc-error';
import { CARD_ACCESS_ADVICE, serviceAdvice, withAdvice } from '../../../src/errors/service-advice';
import { SimulatedPcsc, type PersonalityName } from '../../../src/testing';

describe('the fix in the message of an error about the PC/SC service', () => {
  it.each<[PersonalityName, RegExp]>([
    ['win32', /sc start SCardSvr.*service-stops-with-last-reader.*sc config SCardSvr start= auto/],
    ['darwin-23', /attach one.*useIFDCCID -bool yes/],
    ['linux', /systemctl start pcscd\.socket.*sudo pcscd.*polkit.*access_pcsc.*\/run\/pcscd.*PCSCLITE_CSOCK_NAME/],
  ])('Pcsc.open with requireService on a stopped %s service names the fix', async (personality, fix) => {
    const sim = new SimulatedPcsc({ personality, idlePowerOffMs: false });
    sim.stopService();
    const error = await Pcsc.open({ driver: sim.driver(), requireService: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoServiceError);
    expect((error as Error).message).toMatch(/^SCardEstablishContext: Service not available\. \(SCARD_E_NO_SERVICE, 0x8010001D\) /);
    expect((error as Error).message).toMatch(fix);
  });

  it('a connect polkit refused on Linux says which action to allow; elsewhere the code stays as it is', () => {
    const refused = errorFromCode(rc.SCARD_W_SECURITY_VIOLATION, 'SCardConnect');
    const advised = withAdvice(refused, 'linux');
    expect(advised).toBeInstanceOf(PcscError);
    expect(advised.message).toBe(`${refused.message} ${CARD_ACCESS_ADVICE}`);
    expect(advised.code).toBe(rc.SCARD_W_SECURITY_VIOLATION);
    expect(withAdvice(refused, 'win32')).toBe(refused);
  });

  it('advice is added once, keeps the class and code, and leaves other errors alone', () => {
    const lost = errorFromCode(rc.SCARD_E_SERVICE_STOPPED, 'SCardListReaders');
    const advised = withAdvice(lost, 'win32');
    expect(advised).toBeInstanceOf(NoServiceError);
    expect(advised.message.endsWith(serviceAdvice('win32'))).toBe(true);
    expect(withAdvice(advised, 'win32')).toBe(advised);
    const other = errorFromCode(rc.SCARD_E_NO_SMARTCARD, 'SCardConnect');
    expect(withAdvice(other, 'linux')).toBe(other);
  });
});
