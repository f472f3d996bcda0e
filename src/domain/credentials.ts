import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashing with scrypt (Node's crypto). Stated cost: N = 2^15, r = 8, p = 1 (32 MiB and
 * roughly 50-100 ms per hash on one core), 16-byte random salt per password, 32-byte key. The
 * parameters are stored with each hash so that the cost can be raised later without breaking
 * existing passwords.
 */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, cost: ScryptCost) =>
  new Promise<Buffer>((resolve, reject) => {
    const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const hashPassword = async (password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/** A hash to compare against when the account does not exist, so timing does not reveal that. */
export const decoyPasswordHash = `scrypt$${SCRYPT_COST.N}$${SCRYPT_COST.r}$${SCRYPT_COST.p}$${"A".repeat(22)}$${"A".repeat(43)}`;

/** Secrets that are stored only as their SHA-256 (session ids, API tokens, survey links). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");
export const digestSecret = (secret: string): string =>
  createHash("sha256").update(secret).digest("base64url");

/** A readable random password for generated accounts (the demo's admin). */
export const generatePassword = (): string => {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
};

/** Lock-out back-off: after 5 failures, 1 minute, doubling per further failure, at most an hour. */
export const lockoutSeconds = (failures: number): number =>
  failures < 5 ? 0 : Math.min(60 * 2 ** (failures - 5), 3600);
