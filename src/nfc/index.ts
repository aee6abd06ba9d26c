export { identifyTag, isType2Kind, isMifareClassicKind } from './tag-kind';
export type { TagIdentity, TagKind, TagStandard } from './tag-kind';
export { NfcTag } from './nfc-tag';
export type { NfcTagOptions, TagConnection, TagGeometry, AuthenticateOptions, NtagIdentification } from './nfc-tag';
export {
  getUidCommand,
  getAtsCommand,
  readBinaryCommand,
  updateBinaryCommand,
  loadKeyCommand,
  generalAuthenticateCommand,
  obsoleteAuthenticateCommand,
  directTransmitCommand,
  getResponseCommand,
} from './storage-commands';
export type { TagCommand } from './storage-commands';
export { errorForStatus } from './status-errors';
export type { CommandFamily } from './status-errors';
export {
  NfcError,
  TagCommandError,
  TagAuthenticationError,
  ReaderNotSupportedError,
  TagWrongLengthError,
  TagAddressError,
  NdefFormatError,
  NdefCapacityError,
  TagPageLockedError,
  LockingTrailerError,
  EscapeDisabledError,
} from './nfc-errors';
export type { TagFailureReason, TagCommandErrorDetails } from './nfc-errors';
export { READER_PROFILES, ACR1252_PROFILE, KEY_TYPE_CODES, profileForReader } from './reader/reader-profile';
export type { KeyType, ReaderProfile, ReaderProfileName, KeyAddressing } from './reader/reader-profile';
export { ReaderEscape, ledBuzzerCommand, ACR1252_SETTINGS } from './reader/reader-escape';
export type { EscapeConnection, EscapeRoute, ReaderEscapeOptions, LedBuzzerOptions, Acr1252Setting } from './reader/reader-escape';
export { scardCtlCode, platformControlStyle, ESCAPE_FUNCTION, CCID_ESCAPE_FUNCTION } from './reader/escape-control-code';
export type { ControlCodeStyle } from './reader/escape-control-code';
export {
  sectorCount,
  blockCount,
  blocksInSector,
  firstBlockOfSector,
  trailerBlockOfSector,
  sectorOfBlock,
  isTrailerBlock,
  accessGroupOfBlock,
} from './mifare/classic-layout';
export type { ClassicSize } from './mifare/classic-layout';
export {
  decodeAccessBits,
  encodeAccessBits,
  dataBlockRights,
  trailerRights,
  keyAllows,
  locksSector,
  AccessBitsError,
  TRANSPORT_ACCESS,
} from './mifare/access-bits';
export type { AccessCondition, SectorAccess, KeyPermission, DataBlockRights, TrailerRights } from './mifare/access-bits';
export { encodeValueBlock, decodeValueBlock, ValueBlockError } from './mifare/value-block';
export type { ValueBlock } from './mifare/value-block';
export { decodeSectorTrailer, encodeSectorTrailer } from './mifare/sector-trailer';
export type { SectorTrailer, EncodeTrailerOptions } from './mifare/sector-trailer';
export { MifareClassic, DEFAULT_CLASSIC_KEY } from './mifare/mifare-classic';
export type { ClassicKey, ClassicWriteOptions } from './mifare/mifare-classic';
export { ndefRecord, recordTypeText, TNF_CODES } from './ndef/ndef-record';
export type { NdefRecord, Tnf } from './ndef/ndef-record';
export { encodeNdefMessage, decodeNdefMessage } from './ndef/ndef-message';
export {
  textRecord,
  decodeText,
  uriRecord,
  decodeUri,
  mimeRecord,
  externalRecord,
  emptyRecord,
  smartPosterRecord,
  decodeSmartPoster,
  URI_PREFIXES,
} from './ndef/well-known';
export type { TextContent, SmartPosterContent, SmartPosterTitle, DecodedSmartPoster } from './ndef/well-known';
export { parseType2Cc } from './type2/capability-container';
export type { Type2CapabilityContainer } from './type2/capability-container';
export { parseType2Tlvs, ndefTlv } from './type2/tlv';
export { NTAG_LAYOUTS, FIRST_DYNAMIC_PAGE, ntagByCcSize, ntagByVersion, dynamicallyLocked } from './type2/ntag-models';
export type { NtagModel, NtagLayout } from './type2/ntag-models';
export type { Type2Layout, ReservedArea } from './type2/tlv';
export { readType2Ndef, writeType2Ndef } from './type2/type2-ndef';
export type { Type2NdefContent } from './type2/type2-ndef';
export { parseType4Cc } from './type4/type4-cc';
export type { Type4CapabilityContainer } from './type4/type4-cc';
export { readType4Ndef, writeType4Ndef, NDEF_AID_V2 } from './type4/type4-ndef';
export type { Type4NdefContent } from './type4/type4-ndef';
export { TagWatcher, watchTags } from './tag-watcher';
export type { TagEvent, TagWatcherEvents, WatchTagsOptions } from './tag-watcher';
export { readNdef, writeNdef } from './ndef-on-tag';
