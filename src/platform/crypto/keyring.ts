import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The keys of a deployment: data keys by id (the active one encrypts), and the lookup-hash key. */
export interface KeyMaterial {
  active: string;
  keys: Record<string, string>;
  hashKey: string;
}

/** Encrypts personal data at rest and computes keyed hashes to find it again. */
export interface Keyring {
  /** The id of the key new values are encrypted with. */
  readonly activeKeyId: string;
  /** AES-256-GCM; the result names its key id, so older keys still decrypt after rotation. */
  encrypt(plaintext: string, context?: string): string;
  decrypt(sealed: string, context?: string): string;
  /** The key id a sealed value was encrypted with. */
  keyIdOf(sealed: string): string;
  /** HMAC-SHA-256 of a normalised value, for equality lookups on encrypted columns. */
  hash(value: string, purpose?: string): string;
  /** A secret derived for one purpose (cookie signing, CSRF), stable across restarts. */
  derive(purpose: string): Buffer;
  /** Constant-time comparison of two strings. */
  equals(a: string, b: string): boolean;
}

/** A key file or key variable that cannot be used. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

const FORMAT = 'v1';
const IV_BYTES = 12;
const IV_POOL_SIZE = 4096;

/**
 * Loads keys from `KINGA_DATA_KEYS` (JSON of {@link KeyMaterial}) or from the key file; when
 * neither exists and `isCreateAllowed`, writes a new key file readable by its owner only.
 */
export function loadKeyMaterial(inline: string | undefined, file: string, isCreateAllowed: boolean): KeyMaterial {
  if (inline) return checkMaterial(parse(inline, 'KINGA_DATA_KEYS'), 'KINGA_DATA_KEYS');
  if (existsSync(file)) return checkMaterial(parse(readFileSync(file, 'utf8'), file), file);
  if (!isCreateAllowed) throw new KeyError(`No encryption keys: set KINGA_DATA_KEYS or create ${file} with \`kinga keys generate\`.`);
  const material = generateKeyMaterial();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(material, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return material;
}

/** New key material with one random data key and one random hash key. */
export function generateKeyMaterial(): KeyMaterial {
  const id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  return { active: id, keys: { [id]: randomBytes(32).toString('base64') }, hashKey: randomBytes(32).toString('base64') };
}

/** Adds a new active data key; older keys stay to decrypt existing values. */
export function rotateKeyMaterial(material: KeyMaterial, id: string): KeyMaterial {
  if (material.keys[id]) throw new KeyError(`A key named ${id} already exists.`);
  return { ...material, active: id, keys: { ...material.keys, [id]: randomBytes(32).toString('base64') } };
}

function parse(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new KeyError(`${where} is not valid JSON.`);
  }
}

function checkMaterial(value: unknown, where: string): KeyMaterial {
  const m = value as Partial<KeyMaterial> | null;
  if (!m || typeof m !== 'object' || typeof m.active !== 'string' || !m.keys || typeof m.keys !== 'object' || typeof m.hashKey !== 'string') {
    throw new KeyError(`${where} must hold {"active": id, "keys": {id: base64}, "hashKey": base64}.`);
  }
  for (const [id, key] of Object.entries(m.keys)) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new KeyError(`${where}: key id "${id}" may hold only letters, digits, _ and -.`);
    if (Buffer.from(String(key), 'base64').length !== 32) throw new KeyError(`${where}: key "${id}" must be 32 bytes in base64.`);
  }
  if (!m.keys[m.active]) throw new KeyError(`${where}: the active key "${m.active}" is not among the keys.`);
  if (Buffer.from(m.hashKey, 'base64').length < 32) throw new KeyError(`${where}: hashKey must be at least 32 bytes in base64.`);
  return m as KeyMaterial;
}

/** A keyring over validated key material. */
export function createKeyring(material: KeyMaterial): Keyring {
  const keys = new Map(Object.entries(material.keys).map(([id, k]) => [id, Buffer.from(k, 'base64')]));
  const hashKey = Buffer.from(material.hashKey, 'base64');
  // Random IVs drawn from the system's generator a few thousand at a time: one draw per value costs
  // more than the encryption itself. Each 12 bytes of the pool is handed out once.
  let ivPool = Buffer.alloc(0);
  let ivOffset = 0;
  const nextIv = (): Buffer => {
    if (ivOffset + IV_BYTES > ivPool.length) {
      ivPool = randomBytes(IV_BYTES * IV_POOL_SIZE);
      ivOffset = 0;
    }
    const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
    ivOffset += IV_BYTES;
    return iv;
  };
  const keyIdOf = (sealed: string): string => {
    const [format, id] = sealed.split(':');
    if (format !== FORMAT || !id) throw new KeyError('This value was not sealed by Kinga.');
    return id;
  };
  return {
    activeKeyId: material.active,
    encrypt(plaintext, context = '') {
      const key = keys.get(material.active)!;
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The context (table and column) is authenticated, so a value copied to another column fails to open.
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${FORMAT}:${material.active}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed, context = '') {
      const id = keyIdOf(sealed);
      const key = keys.get(id);
      if (!key) throw new KeyError(`The key ${id} that sealed this value is not loaded.`);
      const raw = Buffer.from(sealed.slice(FORMAT.length + id.length + 2), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    keyIdOf,
    hash(value, purpose = '') {
      return createHmac('sha256', hashKey).update(`${purpose}\u0000${value}`).digest('base64url');
    },
    derive(purpose) {
      return Buffer.from(hkdfSync('sha256', hashKey, Buffer.alloc(0), `kinga:${purpose}`, 32));
    },
    equals(a, b) {
      const x = Buffer.from(a);
      const y = Buffer.from(b);
      return x.length === y.length && timingSafeEqual(x, y);
    },
  };
}
