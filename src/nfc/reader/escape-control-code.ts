/** The platform rule that turns a function number into an SCardControl code. */
export type ControlCodeStyle = 'pcsc-lite' | 'windows';

/** pcsc-lite's SCARD_CTL_CODE(c) = 0x42000000 + c (PCSC/reader.h), also used by macOS's CCID. */
function pcscLiteCode(fn: number): number {
  return 0x42000000 + fn;
}

/** Windows' SCARD_CTL_CODE(c) = CTL_CODE(FILE_DEVICE_SMARTCARD, c, METHOD_BUFFERED, FILE_ANY_ACCESS). */
function windowsCode(fn: number): number {
  return ((0x31 << 16) | (fn << 2)) >>> 0;
}

/** SCARD_CTL_CODE(fn) for a platform style. */
export function scardCtlCode(fn: number, style: ControlCodeStyle): number {
  return style === 'windows' ? windowsCode(fn) : pcscLiteCode(fn);
}

/** The style of the platform this process runs on. */
export function platformControlStyle(platform: string = process.platform): ControlCodeStyle {
  return platform === 'win32' ? 'windows' : 'pcsc-lite';
}

/** The vendor escape function ACS and others use: SCARD_CTL_CODE(3500) (0x42000DAC, Windows 0x003136B0). */
export const ESCAPE_FUNCTION = 3500;

/** libccid's escape: SCARD_CTL_CODE(1), served only when its Info.plist authorises escape commands. */
export const CCID_ESCAPE_FUNCTION = 1;
