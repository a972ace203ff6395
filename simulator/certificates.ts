import { X509Certificate } from "node:crypto";
import { generate } from "selfsigned";

export interface SimCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, upper-case hex pairs joined by colons (node's fingerprint256). */
  fingerprint: string;
}

/** A self-signed EC certificate, like the one a ZVM generates at install (EC keeps handshakes cheap). */
export async function generateCertificate(commonName: string): Promise<SimCertificate> {
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(notBefore.getTime() + 2 * 365 * 86_400_000);
  const pems = await generate([{ name: "commonName", value: commonName }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 2, value: commonName },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}
