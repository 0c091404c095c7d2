/** The four ways to add an account, and the one name each goes by wherever the app offers it. */
export type AddWay = 'scan' | 'image' | 'uri' | 'key';

/** Each way's name: the add screen's tab and the empty list's shortcut read the same words. */
export const ADD_WAY_LABELS: Readonly<Record<AddWay, string>> = {
  scan: 'Scan QR code',
  image: 'From an image',
  uri: 'Paste a link',
  key: 'Enter the key',
};
