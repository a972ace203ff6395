// Run in a child process by data-dir-lock.test.ts: `try <dir>` tries the lock once and
// prints the outcome as JSON; `hold <dir>` takes it, prints "held", and waits to be killed.
import { acquireDataDirLock, DataDirLockedError } from "../../../../lib/runtime/data-dir-lock";

const [mode, dir] = process.argv.slice(2);

if (mode === "hold") {
  acquireDataDirLock(dir);
  process.stdout.write("held\n");
  setInterval(() => undefined, 60_000);
} else {
  try {
    acquireDataDirLock(dir).release();
    process.stdout.write(JSON.stringify({ acquired: true }));
  } catch (error) {
    const locked = error instanceof DataDirLockedError;
    process.stdout.write(
      JSON.stringify({
        acquired: false,
        name: (error as Error).name,
        ownerPid: locked ? error.ownerPid : null,
        message: (error as Error).message,
      }),
    );
  }
}
