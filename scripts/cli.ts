// `npm run cli -- <command>`: the same verbs as the UI and the API, for
// scripts and first aid. Whoever can run it can read the data directory or
// the database URL, so it acts as an administrator (audited as cli:<user>).
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Actor } from "../lib/auth/roles";
import { getDb, type Database } from "../lib/db";
import { applyMigrations, getMigrationStatus } from "../lib/db/migrate";
import { EnvError } from "../lib/env";
import { AppError, DetailedAppError } from "../lib/errors";
import { DataDirLockedError } from "../lib/runtime/data-dir-lock";
import { captureAppliance } from "../lib/appliances/capture-appliance";
import { importAppliancesCsv } from "../lib/appliances/import-appliances-csv";
import { listAppliances } from "../lib/appliances/list-appliances";
import { addAppliance } from "../lib/appliances/add-appliance";
import { removeAppliance } from "../lib/appliances/remove-appliance";
import { createApiToken } from "../lib/tokens/create-api-token";
import { listApiTokens } from "../lib/tokens/list-api-tokens";
import { revokeApiToken } from "../lib/tokens/revoke-api-token";
import { addUser } from "../lib/users/add-user";
import { listUsers } from "../lib/users/list-users";

const USAGE = `usage: npm run cli -- <command>
  user add --email <email> --role viewer|operator|admin [--name <name>] [--password-stdin]
  user list
  token create --name <name> --role viewer|operator|admin|collector|metrics [--tag <tag> ...]
  token list
  token revoke <id or name>
  appliance add --name <name> --kind zvm|zca --role production|test --mode polled|reporting --url <https://…>
                [--username <u>] [--password-stdin] [--auth auto|windows|windows-local|linux|linux-client]
                [--fingerprint <sha256> | --trust-on-first-use] [--tenant <t>] [--region <r>] [--vcenter <v>] [--tag <label> ...]
                [--no-check]   a polled one is tried at once (sign-in, local site, 10 s); --no-check skips that
  appliance list [--status <s>] [--tenant <t>] [--q <text>]
  appliance remove <id or name>
  appliance capture <id or name> [--out FILE]   every answer the poller reads, credentials redacted
                                 (serve it again: npm run simulator -- --replay FILE)
  appliance import <file.csv>   (columns: name,kind,role,mode,url,username,password,authScheme,
                                 tlsFingerprintSha256,trustOnFirstUse,tenant,region,vcenter,labels)
  db migrate
Without --password-stdin, user add generates a password and prints it once.`;

const actor: Actor = { kind: "cli", id: "cli", label: `cli:${os.userInfo().username}`, role: "admin" };

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "(none)";
  const keys = Object.keys(rows[0]);
  const text = (value: unknown) => (value instanceof Date ? value.toISOString() : value == null ? "-" : String(value));
  const widths = keys.map((key) => Math.max(key.length, ...rows.map((row) => text(row[key]).length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index])).join("  ").trimEnd();
  return [line(keys), ...rows.map((row) => line(keys.map((key) => text(row[key]))))].join("\n");
}

async function run(db: () => Promise<Database>, argv: string[]): Promise<void> {
  const [group, command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      tag: { type: "string", multiple: true },
      "password-stdin": { type: "boolean" },
      kind: { type: "string" },
      mode: { type: "string" },
      url: { type: "string" },
      username: { type: "string" },
      auth: { type: "string" },
      fingerprint: { type: "string" },
      "trust-on-first-use": { type: "boolean" },
      "no-check": { type: "boolean" },
      tenant: { type: "string" },
      region: { type: "string" },
      vcenter: { type: "string" },
      status: { type: "string" },
      q: { type: "string" },
      out: { type: "string" },
    },
  });
  switch (`${group} ${command}`) {
    case "user add": {
      const generated = !values["password-stdin"];
      const password = generated ? (await import("node:crypto")).randomBytes(15).toString("base64url") : await readStdin();
      const user = await addUser(await db(), actor, { email: values.email, name: values.name, role: values.role, password });
      console.log(`Added ${user.email} (${user.role}).`);
      if (generated) console.log(`Password (shown once): ${password}`);
      return;
    }
    case "user list":
      console.log(table(await listUsers(await db(), actor)));
      return;
    case "token create": {
      const scope = values.tag?.length ? { tags: values.tag } : undefined;
      const { token, record } = await createApiToken(await db(), actor, { name: values.name, role: values.role, scope });
      console.error(`Created token "${record.name}" (${record.role}). It is shown once:`);
      console.log(token);
      return;
    }
    case "token list":
      console.log(
        table(
          (await listApiTokens(await db(), actor)).map(({ createdBy, scope, ...token }) => ({
            ...token,
            createdBy: createdBy?.email,
            scope: scope ? JSON.stringify(scope) : null,
          })),
        ),
      );
      return;
    case "token revoke": {
      if (!positionals[0]) throw new UsageError("token revoke needs the token's id or name");
      const token = await revokeApiToken(await db(), actor, positionals[0]);
      console.log(`Revoked "${token.name}".`);
      return;
    }
    case "appliance add": {
      const added = addAppliance(await db(), actor, {
        name: values.name,
        kind: values.kind,
        role: values.role,
        mode: values.mode,
        url: values.url,
        username: values.username,
        password: values["password-stdin"] ? await readStdin() : undefined,
        authScheme: values.auth,
        tlsFingerprintSha256: values.fingerprint,
        trustOnFirstUse: values["trust-on-first-use"],
        tags: {
          ...(values.tenant ? { tenant: values.tenant } : {}),
          ...(values.region ? { region: values.region } : {}),
          ...(values.vcenter ? { vcenter: values.vcenter } : {}),
          ...(values.tag?.length ? { labels: values.tag } : {}),
        },
        check: !values["no-check"],
      });
      const { appliance, check } = await added.catch((error: unknown) => {
        if (error instanceof DetailedAppError && error.code === "certificate_not_trusted") {
          const fingerprint = (error.details.check as { peerFingerprint?: string }).peerFingerprint;
          console.error(`lifeline: to trust it, run the same command with --fingerprint ${fingerprint}`);
        }
        throw error;
      });
      console.log(`Added ${appliance.name} (${appliance.id}).`);
      if (check.ok === false) console.error(`lifeline: added, but the first try failed: ${check.message}`);
      else console.error(`lifeline: ${check.message}`);
      return;
    }
    case "appliance list": {
      const rows: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      do {
        const page = await listAppliances(await db(), actor, { status: values.status, tenant: values.tenant, q: values.q, limit: 500, cursor });
        for (const item of page.items) {
          rows.push({
            name: item.name,
            status: item.billingStatus,
            daysLeft: item.daysUntilDisconnect,
            lastSend: item.lastSuccessfulSendAt,
            version: item.version,
            readiness: item.migrationReadiness,
            tenant: item.tags.tenant,
            lastPolled: item.lastPolledAt,
            error: item.lastPollError,
          });
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      console.log(table(rows));
      return;
    }
    case "appliance remove": {
      if (!positionals[0]) throw new UsageError("appliance remove needs the appliance's id or name");
      const removed = await removeAppliance(await db(), actor, positionals[0]);
      console.log(`Removed ${removed.name}.`);
      return;
    }
    case "appliance capture": {
      if (!positionals[0]) throw new UsageError("appliance capture needs the appliance's id or name");
      const capture = await captureAppliance(await db(), actor, positionals[0]);
      const text = `${JSON.stringify(capture, null, 2)}\n`;
      if (values.out) {
        await writeFile(values.out, text);
        console.error(`Wrote ${capture.exchanges.length} exchanges to ${values.out}.`);
      } else {
        process.stdout.write(text);
      }
      if (capture.expected && "pollError" in capture.expected) {
        console.error(`lifeline: the reading failed: ${String(capture.expected.pollError)}`);
        process.exitCode = 1;
      }
      return;
    }
    case "appliance import": {
      if (!positionals[0]) throw new UsageError("appliance import needs a CSV file");
      const result = await importAppliancesCsv(await db(), actor, await readFile(positionals[0], "utf8"));
      console.log(`Added ${result.added.length} appliance(s).`);
      for (const error of result.errors) console.error(`line ${error.line}${error.name ? ` (${error.name})` : ""}: ${error.error}`);
      if (result.errors.length > 0) process.exitCode = 1;
      return;
    }
    case "db migrate": {
      const opened = await db(); // opening applies pending migrations
      const status = await getMigrationStatus(opened.sql);
      await applyMigrations(opened.sql);
      console.log(`Database is up to date (${status.applied.length} migrations applied).`);
      return;
    }
    default:
      throw new UsageError(group ? `unknown command: ${argv.slice(0, 2).join(" ")}` : "no command given");
  }
}

async function main() {
  let opened: Database | null = null;
  const db = async () => (opened ??= await getDb());
  try {
    await run(db, process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`lifeline: ${(error as Error).message}\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof AppError || error instanceof EnvError || error instanceof DataDirLockedError) {
      console.error(`lifeline: ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    const handle = opened as Database | null;
    await handle?.close();
  }
}

main().catch((error: unknown) => {
  console.error(`lifeline: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
