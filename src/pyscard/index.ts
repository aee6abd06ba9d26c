/** PySCard-shaped facade (smartcard.System, smartcard.util, ...). Names are added as they are implemented. */
export {};
