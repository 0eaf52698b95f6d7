import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Logo } from "@/components/ui/logo";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { getCurrentUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await getCurrentUser()) redirect(target);

  return (
    <main className="grid min-h-screen lg:grid-cols-2">
      <div className="flex flex-col justify-center px-6 py-12 sm:px-12 lg:px-20">
        <div className="mx-auto w-full max-w-sm">
          <Logo className="text-xl text-slate-900" />
          <h1 className="mt-10 text-2xl font-semibold tracking-tight text-slate-900">Sign in to your routing console</h1>
          <p className="mt-2 text-sm text-slate-600">Use the work email your admin invited.</p>
          <div className="mt-8">
            <SignInForm callbackUrl={target} />
          </div>
        </div>
      </div>
      <aside className="relative hidden overflow-hidden bg-slate-900 lg:block">
        <div className="absolute inset-0 bg-[radial-gradient(circle_at_30%_20%,rgba(59,110,245,.45),transparent_55%),radial-gradient(circle_at_80%_80%,rgba(16,185,129,.25),transparent_50%)]" />
        <div className="relative flex h-full flex-col justify-center px-16 text-white">
          <p className="text-sm font-medium uppercase tracking-widest text-brand-100">Routing is production logic</p>
          <blockquote className="mt-4 max-w-md text-3xl font-semibold leading-tight">
            Who acts next on every account, lead and signal — tested before it ships, explained after it lands.
          </blockquote>
          <dl className="mt-12 grid max-w-md grid-cols-3 gap-6 text-sm">
            {[
              ["Rules", "tied to intent"],
              ["Changes", "reviewed & tested"],
              ["Decisions", "with evidence"],
            ].map(([k, v]) => (
              <div key={k}>
                <dt className="font-semibold">{k}</dt>
                <dd className="text-slate-300">{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      </aside>
    </main>
  );
}
