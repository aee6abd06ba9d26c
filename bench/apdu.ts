/** SELECT of the seed test applet, then its test command: 14 data bytes + 90 00 back. */
export const SELECT_APPLET = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x18, 0xff);
export const TEST_COMMAND = Uint8Array.of(0x80, 0x34, 0x00, 0x0e, 0x0e);
export const TEST_RESPONSE_LENGTH = 16;

export function isSuccess(response: Uint8Array): boolean {
  return response.length >= 2 && response[response.length - 2] === 0x90 && response[response.length - 1] === 0x00;
}

/** Every client checks every answer the same way, so the check costs them all alike. */
export function checkTestResponse(response: Uint8Array, client: string): void {
  if (response.length !== TEST_RESPONSE_LENGTH || !isSuccess(response)) {
    throw new Error(`${client}: unexpected answer ${Buffer.from(response).toString('hex')} to 80 34 00 0E 0E`);
  }
}

export function checkSelectResponse(response: Uint8Array, client: string): void {
  if (!isSuccess(response)) throw new Error(`${client}: SELECT answered ${Buffer.from(response).toString('hex')}`);
}
