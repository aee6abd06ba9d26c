#! /usr/bin/env python3
# PySCard's low-level smartcard.scard API: each call returns its hresult first, as in PC/SC.
from smartcard.scard import *
from smartcard.util import toHexString

SELECT = [0x00, 0xA4, 0x04, 0x00, 0x06, 0xA0, 0x00, 0x00, 0x00, 0x18, 0xFF]
COMMAND = [0x80, 0x34, 0x00, 0x0E, 0x0E]


def show(label, hresult, *values):
    print(label, hex(hresult), SCardGetErrorMessage(hresult), *values)


hresult, hcontext = SCardEstablishContext(SCARD_SCOPE_USER)
show("EstablishContext:", hresult)
show("IsValidContext:", SCardIsValidContext(hcontext))
hresult, readers = SCardListReaders(hcontext, [])
show("ListReaders:", hresult, readers)
reader = readers[0]

hresult, hcard, protocol = SCardConnect(hcontext, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
show("Connect:", hresult, protocol)
hresult, response = SCardTransmit(hcard, protocol, SELECT)
show("Select:", hresult, response)
hresult, response = SCardTransmit(hcard, protocol, COMMAND)
show("Command:", hresult, response)
hresult, name, state, active, atr = SCardStatus(hcard)
show("Status:", hresult, name, hex(state & 0xFFFF), active, toHexString(atr))

hresult, states = SCardGetStatusChange(hcontext, 0, [(reader, SCARD_STATE_UNAWARE)])
show("GetStatusChange:", hresult, [(n, hex(s & 0xFFFF), toHexString(a)) for (n, s, a) in states])
current = states[0][1] & ~SCARD_STATE_CHANGED
hresult, states = SCardGetStatusChange(hcontext, 100, [(reader, current)])
show("GetStatusChange unchanged:", hresult)

hresult, other = SCardEstablishContext(SCARD_SCOPE_USER)
hresult, hcard2, protocol2 = SCardConnect(other, reader, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
show("Exclusive while shared:", hresult)
hresult, hcard2, protocol2 = SCardConnect(other, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
show("Second shared:", hresult, protocol2)
show("Reset by the other:", SCardDisconnect(hcard2, SCARD_RESET_CARD))
hresult, response = SCardTransmit(hcard, protocol, COMMAND)
show("Command after reset:", hresult, response)
hresult, protocol = SCardReconnect(hcard, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD)
show("Reconnect:", hresult, protocol)
hresult, response = SCardTransmit(hcard, protocol, COMMAND)
show("Command before SELECT:", hresult, response)

show("Disconnect:", SCardDisconnect(hcard, SCARD_LEAVE_CARD))
hresult, response = SCardTransmit(hcard, protocol, COMMAND)
show("Transmit on a closed handle:", hresult)
show("ReleaseContext:", SCardReleaseContext(other))
show("ReleaseContext:", SCardReleaseContext(hcontext))
show("IsValidContext after release:", SCardIsValidContext(hcontext))
hresult, readers = SCardListReaders(hcontext, [])
show("ListReaders after release:", hresult, readers)
