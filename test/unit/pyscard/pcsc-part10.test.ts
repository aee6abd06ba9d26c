import {
  FEATURE_GET_TLV_PROPERTIES,
  FEATURE_IFD_PIN_PROPERTIES,
  FEATURE_VERIFY_PIN_DIRECT,
  getPinProperties,
  getTlvProperties,
  hasFeature,
  parseFeatureRequest,
  parseTlvProperties,
  pyRepr,
  type CardConnection,
} from '../../../src/pyscard';

/** A connection whose reader answers SCardControl from a table of control codes. */
function readerAnswering(answers: ReadonlyMap<number, number[]>): { connection: CardConnection; asked: number[] } {
  const asked: number[] = [];
  const connection = {
    control: async (code: number) => {
      asked.push(code);
      const answer = answers.get(code);
      if (!answer) throw new Error(`unexpected control code ${code}`);
      return answer;
    },
  } as unknown as CardConnection;
  return { connection, asked };
}

const GET_FEATURE_REQUEST = 0x42000000 + 3400;
const FEATURES = [0x06, 4, 0x42, 0x33, 0x00, 0x06, 0x0a, 4, 0x42, 0x33, 0x00, 0x0a, 0x12, 4, 0x42, 0x33, 0x00, 0x12];

describe('PCSCPart10', () => {
  it('reads the feature list (skipping unknown tags) and finds a feature by number or name', () => {
    const features = parseFeatureRequest([...FEATURES, 0x99, 4, 0, 0, 0, 1]);
    expect(features).toEqual([
      ['FEATURE_VERIFY_PIN_DIRECT', 0x42330006],
      ['FEATURE_IFD_PIN_PROPERTIES', 0x4233000a],
      ['FEATURE_GET_TLV_PROPERTIES', 0x42330012],
    ]);
    expect(hasFeature(features, FEATURE_VERIFY_PIN_DIRECT)).toBe(0x42330006);
    expect(hasFeature(features, 'FEATURE_GET_TLV_PROPERTIES')).toBe(0x42330012);
    expect(hasFeature(features, 'FEATURE_ABORT')).toBeUndefined();
  });

  it('decodes TLV properties: little-endian numbers, the firmware id as text, unknown tags as UNKNOWN', () => {
    const properties = parseTlvProperties([1, 2, 0x40, 0x00, 8, 3, 0x41, 0x42, 0x43, 0x0a, 4, 0x00, 0x01, 0x00, 0x00, 0x20, 1, 5]);
    expect(properties).toEqual({
      raw: [1, 2, 0x40, 0x00, 8, 3, 0x41, 0x42, 0x43, 0x0a, 4, 0x00, 0x01, 0x00, 0x00, 0x20, 1, 5],
      PCSCv2_PART10_PROPERTY_wLcdLayout: 0x40,
      PCSCv2_PART10_PROPERTY_sFirmwareID: 'ABC',
      PCSCv2_PART10_PROPERTY_dwMaxAPDUDataSize: 256,
      UNKNOWN: 5,
    });
    expect(pyRepr(parseTlvProperties([2, 1, 7]))).toBe("{'raw': [2, 1, 7], 'PCSCv2_PART10_PROPERTY_bEntryValidationCondition': 7}");
  });

  it('asks the reader for its features, then for the PIN and TLV properties with the announced codes', async () => {
    const { connection, asked } = readerAnswering(
      new Map([
        [GET_FEATURE_REQUEST, FEATURES],
        [0x4233000a, [0x02, 0x10, 0x07, 0x00]],
        [0x42330012, [6, 1, 4, 7, 1, 8]],
      ]),
    );
    expect(await getPinProperties(connection)).toEqual({ raw: [2, 16, 7, 0], LcdLayoutX: 2, LcdLayoutY: 16, EntryValidationCondition: 7, TimeOut2: 0 });
    expect(await getTlvProperties(connection)).toMatchObject({ PCSCv2_PART10_PROPERTY_bMinPINSize: 4, PCSCv2_PART10_PROPERTY_bMaxPINSize: 8 });
    expect(asked).toEqual([GET_FEATURE_REQUEST, 0x4233000a, GET_FEATURE_REQUEST, 0x42330012]);
    expect(await getPinProperties(connection, [])).toEqual({ raw: [] });
    expect(await getTlvProperties(connection, undefined, 0x42330012)).toMatchObject({ PCSCv2_PART10_PROPERTY_bMinPINSize: 4 });
    expect([FEATURE_IFD_PIN_PROPERTIES, FEATURE_GET_TLV_PROPERTIES]).toEqual([0x0a, 0x12]);
  });
});
