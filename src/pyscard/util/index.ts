export { PACK, HEX, UPPERCASE, COMMA, toHexString, toBytes } from './hex-string';
export type { ByteList } from './hex-string';
export { toASCIIBytes, toASCIIString, HexListToBinString, BinStringToHexList, hl2bs, bs2hl } from './ascii';
export { padd } from './padd';
export { toGSM3_38Bytes } from './gsm3-38';
