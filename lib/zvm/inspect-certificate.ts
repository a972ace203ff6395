import net from "node:net";
import tls from "node:tls";
import { normaliseFingerprint } from "./fingerprint";

/**
 * Reads the leaf certificate a ZVM presents, to name it when the system CAs
 * reject it ("self-signed and not pinned: fingerprint AB:CD…, trust it?").
 * Only called after a verified connection failed. The certificate is read
 * during the handshake and the socket is closed at once: no request byte is
 * ever sent over this unverified connection, so no credential can leak.
 */
export function inspectCertificate(url: URL, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const socket = tls.connect({
      host,
      port: url.port === "" ? 443 : Number(url.port),
      ...(net.isIP(host) === 0 ? { servername: host } : {}),
      // Inspection only: the chain check already failed on the real connection.
      rejectUnauthorized: false,
    });
    const done = (fingerprint: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(fingerprint);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.once("secureConnect", () => {
      const raw = socket.getPeerX509Certificate()?.fingerprint256;
      done(typeof raw === "string" ? normaliseFingerprint(raw) : null);
    });
    socket.once("error", () => done(null));
  });
}
