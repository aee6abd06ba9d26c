#! /usr/bin/env python3
# smartcard.pcsc.PCSCPart10: reader features asked for through SCardControl, and the parsers.
from smartcard.System import readers
from smartcard.pcsc.PCSCPart10 import *

connection = readers()[0].createConnection()
connection.connect()
print(CM_IOCTL_GET_FEATURE_REQUEST)
for name, call in (("features", getFeatureRequest), ("pin", getPinProperties), ("tlv", getTlvProperties)):
    try:
        print(name, call(connection))
    except Exception as e:
        print(name, "%s: %s" % (type(e).__name__, e))
print("pin without features", getPinProperties(connection, []))

features = parseFeatureRequest([0x06, 4, 0x42, 0x33, 0x00, 0x06, 0x0A, 4, 0x42, 0x33, 0x00, 0x0A,
                                0x99, 4, 0, 0, 0, 1, 0x12, 4, 0x42, 0x33, 0x00, 0x12])
print(features)
print(hasFeature(features, FEATURE_VERIFY_PIN_DIRECT), hasFeature(features, "FEATURE_GET_TLV_PROPERTIES"),
      hasFeature(features, FEATURE_ABORT))
print(parseTlvProperties([1, 2, 0x40, 0x00, 2, 1, 0x07, 6, 1, 4, 7, 1, 8, 8, 4, 0x41, 0x42, 0x43, 0x44,
                          0x0A, 4, 0x00, 0x01, 0x00, 0x00, 0x0B, 2, 0xE6, 0x08, 0x20, 1, 5]))
connection.disconnect()
