import Link from "next/link";

/** The 403 / 404 pages (root and inside the console shell): what happened and the way back. */
export function HttpErrorPage({ code, title, message }: { code: string; title: string; message: string }) {
  return (
    <div className="flex min-h-[70vh] items-center justify-center px-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-600">{code}</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{message}</p>
        <Link href="/" className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Back to home
        </Link>
      </div>
    </div>
  );
}

export const NOT_FOUND_PAGE = {
  code: "404",
  title: "Nothing routes here",
  message: "The page you asked for doesn't exist, was moved, or is not one you can see.",
};
export const FORBIDDEN_PAGE = {
  code: "403 — not allowed",
  title: "This page isn't part of your role",
  message: "Your account can't open this page. If you need it for your work, ask an admin to change your role.",
};
