"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="flex min-h-[70vh] items-center justify-center px-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-rose-600">Something went wrong</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">We couldn&apos;t load this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it keeps happening, send the reference to
          your admin.
        </p>
        <button onClick={reset} className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Try again
        </button>
      </div>
    </div>
  );
}
