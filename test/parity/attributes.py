#! /usr/bin/env python3
# What PySCard's low-level scard module answers for SCardStatus, SCardGetAttrib, SCardSetAttrib and
# SCardControl on one reader, one line each, for comparison with another client on the same card.
import sys

from smartcard.scard import (SCARD_ATTR_ATR_STRING, SCARD_ATTR_DEVICE_FRIENDLY_NAME_A, SCARD_ATTR_VENDOR_NAME,
                             SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SCOPE_USER,
                             SCARD_SHARE_SHARED, SCARD_CTL_CODE, SCardConnect, SCardControl, SCardDisconnect,
                             SCardEstablishContext, SCardGetAttrib, SCardReleaseContext, SCardSetAttrib, SCardStatus)


def hexed(data):
    return " ".join("%02X" % byte for byte in data)


TAG_IFD_SLOTS_NUMBER = 0x0FAE  # ifdhandler.h: a reader driver's own tag, which vpcd answers

reader = sys.argv[1]
hresult, context = SCardEstablishContext(SCARD_SCOPE_USER)
hresult, card, protocol = SCardConnect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
hresult, name, state, protocol, atr = SCardStatus(card)
print("status 0x%08X %s 0x%X %d %s" % (hresult & 0xFFFFFFFF, name, state, protocol, hexed(atr)))
for attribute in (TAG_IFD_SLOTS_NUMBER, SCARD_ATTR_ATR_STRING, SCARD_ATTR_DEVICE_FRIENDLY_NAME_A, SCARD_ATTR_VENDOR_NAME):
    hresult, value = SCardGetAttrib(card, attribute)
    print("get 0x%X 0x%08X %s" % (attribute, hresult & 0xFFFFFFFF, hexed(value)))
print("set 0x%X 0x%08X" % (SCARD_ATTR_VENDOR_NAME, SCardSetAttrib(card, SCARD_ATTR_VENDOR_NAME, [0x41]) & 0xFFFFFFFF))
hresult, response = SCardControl(card, SCARD_CTL_CODE(3400), [])
print("control 0x%X 0x%08X %s" % (SCARD_CTL_CODE(3400), hresult & 0xFFFFFFFF, hexed(response)))
SCardDisconnect(card, SCARD_LEAVE_CARD)
SCardReleaseContext(context)
