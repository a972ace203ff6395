import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-3 text-slate-700">Your role does not allow this page. Ask an administrator if you need it.</p>
      <Link className="mt-6 inline-block text-blue-700 underline" href="/">
        Back to the fleet
      </Link>
    </main>
  );
}
