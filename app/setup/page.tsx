import Link from "next/link";
import { firstRunOpen } from "@/lib/users/create-first-admin";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "First run" };

export default async function SetupPage() {
  const open = await firstRunOpen();
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-semibold">Welcome to Lifeline</h1>
      {open ? (
        <>
          <p className="mt-3 text-slate-700">
            Create the first administrator. This page closes for good once an administrator exists; add other users
            from the Users page afterwards.
          </p>
          <SetupForm />
        </>
      ) : (
        <p className="mt-3 text-slate-700" role="status">
          Set-up is closed: an administrator already exists.{" "}
          <Link href="/signin" className="text-blue-700 underline">
            Sign in
          </Link>
          .
        </p>
      )}
    </main>
  );
}
