/** GSM 03.38 default alphabet codes for the characters whose code differs from ASCII (PySCard's table). */
const GSM_3_38: ReadonlyMap<string, number> = new Map([
  ['@', 0x00],
  ['£', 0x01],
  ['$', 0x02],
  ['¥', 0x03],
  ['è', 0x04],
  ['é', 0x05],
  ['ù', 0x06],
  ['ì', 0x07],
  ['ò', 0x08],
  ['Ç', 0x09],
  ['\n', 0x0a],
  ['Ø', 0x0b],
  ['ø', 0x0c],
  ['\r', 0x0d],
  ['Å', 0x0e],
  ['å', 0x0f],
  ['_', 0x11],
  ['Æ', 0x1c],
  ['æ', 0x1d],
  ['ß', 0x1e],
  ['É', 0x1f],
  [' ', 0x20],
  ['!', 0x21],
  ['"', 0x22],
  ['#', 0x23],
  ['¤', 0x24],
  ['¡', 0x40],
  ['Ä', 0x5b],
  ['ä', 0x7b],
  ['Ö', 0x5c],
  ['ö', 0x7c],
  ['Ñ', 0x5d],
  ['ñ', 0x7d],
  ['Ü', 0x5e],
  ['ü', 0x7e],
  ['§', 0x5f],
  ['¿', 0x60],
  ['à', 0x7f],
]);

function keepsAsciiCode(char: string): boolean {
  return (char >= '%' && char <= '?') || (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z');
}

/**
 * A string as GSM 03.38 bytes: toGSM3_38Bytes('@ùPascal') → [0, 6, 80, 97, 115, 99, 97, 108].
 * A Uint8Array is read as ISO 8859-1 text. A character outside the table is a RangeError.
 */
export function toGSM3_38Bytes(stringtoconvert: string | Uint8Array): number[] {
  const text = typeof stringtoconvert === 'string' ? stringtoconvert : Buffer.from(stringtoconvert).toString('latin1');
  return Array.from(text, (char) => {
    if (keepsAsciiCode(char)) return char.charCodeAt(0);
    const code = GSM_3_38.get(char);
    if (code === undefined) throw new RangeError(`${JSON.stringify(char)} has no code in the GSM 03.38 table`);
    return code;
  });
}
