import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * Encrypts secrets at rest (pixel access tokens, TOTP seeds) with AES-256-GCM under the
 * master key. Ciphertexts are `v1.<iv>.<tag>.<data>` in base64url, so a key rotation can
 * add a v2 without guessing formats.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromBase64(key: string): SecretBox {
    const raw = Buffer.from(key, 'base64');
    if (raw.length !== 32) throw new Error('MASTER_KEY must be 32 bytes');
    return new SecretBox(raw);
  }

  /** Uses MASTER_KEY, or a key generated once into the data directory (mode 0600). */
  static load(masterKey: string | undefined, dataDir: string): SecretBox {
    if (masterKey) return SecretBox.fromBase64(masterKey);
    const file = join(dataDir, 'master.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      // On disk before anything is encrypted with it: a key lost to a crash would make every
      // stored access token unreadable.
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(32).toString('base64') + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      const dir = openSync(dataDir, 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return SecretBox.fromBase64(readFileSync(file, 'utf8').trim());
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', iv, tag, data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(box: string): string {
    const [version, iv, tag, data] = box.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined)
      throw new Error('unknown secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
