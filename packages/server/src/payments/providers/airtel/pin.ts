import { constants, type KeyObject, publicEncrypt } from 'node:crypto';

/**
 * Airtel wants the disbursement PIN RSA-encrypted with its public key, base64. Which padding is uncertain:
 * public integrations use both PKCS#1 v1.5 and OAEP (SHA-1), so it is configurable (AIRTEL_PIN_PADDING) and
 * defaults to PKCS#1 v1.5, the more common of the two. A wrong choice shows as a refused PIN, never as a payout.
 */
export type PinPadding = 'pkcs1' | 'oaep';

export function encryptPin(pin: string, publicKey: KeyObject, padding: PinPadding): string {
  return publicEncrypt(
    {
      key: publicKey,
      padding: padding === 'oaep' ? constants.RSA_PKCS1_OAEP_PADDING : constants.RSA_PKCS1_PADDING,
      ...(padding === 'oaep' ? { oaepHash: 'sha1' } : {}),
    },
    Buffer.from(pin, 'utf8'),
  ).toString('base64');
}
