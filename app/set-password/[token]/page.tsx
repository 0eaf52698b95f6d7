import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { Logo } from "@/components/ui/logo";
import { linkHolder } from "@/lib/server/users/manage-users";

export const metadata: Metadata = { title: "Set your password" };

/** Public: the page an invitation or password-reset link opens. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const holder = await linkHolder(token);
  return (
    <main className="flex min-h-screen items-center justify-center px-6 py-12">
      <div className="w-full max-w-sm">
        <Logo className="text-xl text-slate-900" />
        {holder ? (
          <>
            <h1 className="mt-10 text-2xl font-semibold tracking-tight text-slate-900">
              {holder.kind === "invite" ? `Welcome, ${holder.name}` : "Choose a new password"}
            </h1>
            <p className="mt-2 text-sm text-slate-600">
              {holder.kind === "invite" ? "Set a password for " : "A new password for "}
              <strong>{holder.email}</strong>; then sign in with it.
            </p>
            <div className="mt-8">
              <SetPasswordForm token={token} email={holder.email} />
            </div>
          </>
        ) : (
          <>
            <h1 className="mt-10 text-2xl font-semibold tracking-tight text-slate-900">This link no longer works</h1>
            <p className="mt-2 text-sm text-slate-600">
              It has expired, was already used, or a newer link replaced it. Ask your admin for a new one.
            </p>
            <Link href="/signin" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline">
              Go to sign-in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
