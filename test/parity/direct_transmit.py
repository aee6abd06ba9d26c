#! /usr/bin/env python3
# SCardTransmit naming another protocol than a T=0 or T=1 connection's: 0 (what a 'direct'
# connection reports before a protocol is negotiated), RAW, T=0|T=1, and T=0 on a T=1 connection.
from smartcard.scard import *

SELECT = [0x00, 0xA4, 0x04, 0x00, 0x06, 0xA0, 0x00, 0x00, 0x00, 0x18, 0xFF]


def show(label, hresult, *values):
    print(label, hex(hresult), SCardGetErrorMessage(hresult), *values)


hresult, hcontext = SCardEstablishContext(SCARD_SCOPE_USER)
hresult, readers = SCardListReaders(hcontext, [])
full, empty = readers[0], readers[1]

# Powered down first, so that no protocol is negotiated.
hresult, hcard, protocol = SCardConnect(hcontext, full, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED)
SCardDisconnect(hcard, SCARD_UNPOWER_CARD)
hresult, hcard, protocol = SCardConnect(hcontext, full, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED)
show("Direct:", hresult, protocol)
hresult, response = SCardTransmit(hcard, protocol, SELECT)
show("Transmit, protocol 0:", hresult, response)
hresult, response = SCardTransmit(hcard, SCARD_PROTOCOL_RAW, SELECT)
show("Transmit, RAW:", hresult, response)
hresult, response = SCardTransmit(hcard, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SELECT)
# PySCard 2.0 hands back its whole unused receive buffer here: the hresult is what counts.
show("Transmit, T0|T1:", hresult)
# Another application negotiates a protocol: the 'direct' handle still says 0.
hresult, other = SCardEstablishContext(SCARD_SCOPE_USER)
hresult, hshared, negotiated = SCardConnect(other, full, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
show("Shared by another:", hresult, negotiated)
hresult, response = SCardTransmit(hcard, protocol, SELECT)
show("Transmit, protocol 0, protocol negotiated:", hresult, response)
show("Disconnect:", SCardDisconnect(hshared, SCARD_LEAVE_CARD))
show("ReleaseContext:", SCardReleaseContext(other))
show("Disconnect:", SCardDisconnect(hcard, SCARD_LEAVE_CARD))

hresult, hcard, protocol = SCardConnect(hcontext, empty, SCARD_SHARE_DIRECT, SCARD_PROTOCOL_UNDEFINED)
show("Direct, no card:", hresult, protocol)
hresult, response = SCardTransmit(hcard, protocol, SELECT)
show("Transmit, protocol 0, no card:", hresult, response)
show("Disconnect:", SCardDisconnect(hcard, SCARD_LEAVE_CARD))

hresult, hcard, protocol = SCardConnect(hcontext, full, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1)
show("Shared, T=1:", hresult, protocol)
hresult, response = SCardTransmit(hcard, SCARD_PROTOCOL_T0, SELECT)
show("Transmit, T=0 on T=1:", hresult, response)
hresult, response = SCardTransmit(hcard, protocol, SELECT)
show("Transmit, T=1:", hresult, response)
show("Disconnect:", SCardDisconnect(hcard, SCARD_RESET_CARD))
show("ReleaseContext:", SCardReleaseContext(hcontext))
