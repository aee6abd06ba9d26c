"""Sends N test APDUs through PySCard's connection API and prints {"apduPerSecond": ...} as JSON."""
import json
import sys
import time

from smartcard.System import readers
from smartcard.scard import SCARD_LEAVE_CARD

SELECT = [0x00, 0xA4, 0x04, 0x00, 0x06, 0xA0, 0x00, 0x00, 0x00, 0x18, 0xFF]
TEST = [0x80, 0x34, 0x00, 0x0E, 0x0E]
WARM_UP = 50


def main():
    reader_name, count = sys.argv[1], int(sys.argv[2])
    reader = next((r for r in readers() if str(r) == reader_name), None)
    if reader is None:
        raise SystemExit("PySCard does not list reader %r" % reader_name)
    connection = reader.createConnection()
    # PySCard unpowers the card on disconnect by default; the other clients keep using it.
    connection.connect(disposition=SCARD_LEAVE_CARD)
    data, sw1, sw2 = connection.transmit(SELECT)
    if (sw1, sw2) != (0x90, 0x00):
        raise SystemExit("SELECT answered %02X %02X" % (sw1, sw2))
    for _ in range(WARM_UP):
        connection.transmit(TEST)
    started = time.perf_counter()
    for _ in range(count):
        data, sw1, sw2 = connection.transmit(TEST)
        if len(data) != 14 or sw1 != 0x90 or sw2 != 0x00:
            raise SystemExit("unexpected answer %r %02X %02X" % (data, sw1, sw2))
    elapsed = time.perf_counter() - started
    connection.disconnect()
    print(json.dumps({"apduPerSecond": count / elapsed}))


main()
