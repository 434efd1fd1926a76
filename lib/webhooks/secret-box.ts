import "#server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Endpoint signing secrets are encrypted at rest, not hashed: verifying an
// HMAC needs the secret itself, so a one-way hash could never check a
// signature. The key is derived from the server secret (NEXTAUTH_SECRET) with
// HKDF and a label of its own, so it is never the session-signing key itself
// and a database dump alone reveals no secret. Changing NEXTAUTH_SECRET makes
// every stored secret undecryptable: rotate the endpoints afterwards.
const VERSION = "v1";
const INFO = "badger/inbound-endpoint-secret/v1";

function keyFrom(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", serverSecret, "badger", INFO, 32));
}

export function encryptSecret(plaintext: string, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(serverSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(":");
}

/** The plaintext, or null when the value was not sealed with this server secret (or was tampered with). */
export function decryptSecret(sealed: string, serverSecret: string): string | null {
  const [version, iv, tag, ciphertext] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(serverSecret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A new signing secret: 256 random bits, prefixed so it is recognisable in a provider's settings. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
