import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="flex min-h-[70vh] items-center justify-center px-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-600">403 — not allowed</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">This page isn&apos;t part of your role</h1>
        <p className="mt-2 text-sm text-slate-600">Your account can&apos;t open this page. If you need it for your work, ask an admin to change your role.</p>
        <Link href="/" className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Back to home
        </Link>
      </div>
    </div>
  );
}
