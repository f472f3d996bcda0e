import { describe, expect, it } from "vitest";
import {
  decoyPasswordHash,
  digestSecret,
  hashPassword,
  lockoutSeconds,
  verifyPassword,
} from "./credentials.js";

const cheap = { N: 1024, r: 8, p: 1 };

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery", cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts each hash", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password!", cheap),
      hashPassword("same password!", cheap),
    ]);
    expect(a).not.toBe(b);
  });

  it("uses the stated cost by default", async () => {
    expect(await hashPassword("x".repeat(12))).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it("never accepts the decoy or a malformed hash", async () => {
    expect(await verifyPassword("", decoyPasswordHash)).toBe(false);
    expect(await verifyPassword("x", "plain")).toBe(false);
  });
});

describe("secrets and lock-out", () => {
  it("digests secrets with SHA-256 (known vector)", () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(Buffer.from(digestSecret("abc"), "base64url").toString("hex")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("backs off after five failures, doubling, capped at an hour", () => {
    expect([4, 5, 6, 7, 10, 20].map(lockoutSeconds)).toEqual([0, 60, 120, 240, 1920, 3600]);
  });
});
