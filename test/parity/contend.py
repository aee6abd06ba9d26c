#! /usr/bin/env python3
# Another application using the card while someone may hold a transaction: print "Trying", connect
# shared (pcscd makes SCardConnect wait while another application's transaction holds the card),
# print "Connected", wait for a line on stdin, send the applet's SELECT, print the hresult and the
# answer, disconnect.
import sys

from smartcard.scard import (SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SCOPE_USER,
                             SCARD_SHARE_SHARED, SCardConnect, SCardDisconnect, SCardEstablishContext,
                             SCardGetErrorMessage, SCardReleaseContext, SCardTransmit)

SELECT = [0x00, 0xA4, 0x04, 0x00, 0x06, 0xA0, 0x00, 0x00, 0x00, 0x18, 0xFF]

reader = sys.argv[1]
hresult, context = SCardEstablishContext(SCARD_SCOPE_USER)
print("Trying", flush=True)
hresult, card, protocol = SCardConnect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
print("Connected 0x%08X %s" % (hresult & 0xFFFFFFFF, SCardGetErrorMessage(hresult)), flush=True)
sys.stdin.readline()
hresult, response = SCardTransmit(card, protocol, SELECT)
print("Transmit 0x%08X %s %s" % (hresult & 0xFFFFFFFF, SCardGetErrorMessage(hresult),
                                 " ".join("%02X" % b for b in response)), flush=True)
SCardDisconnect(card, SCARD_LEAVE_CARD)
SCardReleaseContext(context)
