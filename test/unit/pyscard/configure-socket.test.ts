import { configure, getPcsc, shutdown } from '../../../src/pyscard';
import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { EstablishContextException } from '../../../src/pyscard/pcsc-exceptions';

describe("the facade's configure({ socket })", () => {
  afterEach(async () => {
    await shutdown();
    await configure();
  });

  it.each([[''], [3], ['a\u0000b']])('refuses socket %p with InvalidArgumentError', async (socket) => {
    await expect(configure({ socket: socket as string })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("refuses a socket with a driver other than 'pcscd'", async () => {
    await expect(configure({ socket: '/tmp/p.comm', driver: 'smartcard' })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'socket' });
  });

  it("opens the 'pcscd' driver on that socket: nobody there is EstablishContextException(SCARD_E_NO_SERVICE)", async () => {
    await configure({ socket: '/tmp/resilient-pcsc-nobody-here.comm' });
    await expect(getPcsc()).rejects.toBeInstanceOf(EstablishContextException);
    await expect(getPcsc()).rejects.toMatchObject({ hresult: 0x8010001d });
  });
});
