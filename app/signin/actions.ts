"use server";

import { AuthError } from "next-auth";
import { signInSchema } from "@/lib/schemas/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { zodFieldErrors } from "@/lib/server/auth/with-permission";
import { signIn } from "@/lib/server/auth/next-auth";

export interface SignInState {
  message?: string;
  fieldErrors?: Record<string, string[]>;
  email?: string;
}

/** The one public action: signing in. Wrong password and unknown email get the same message. */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "");
  const parsed = signInSchema.safeParse({
    email,
    password: String(formData.get("password") ?? ""),
    callbackUrl: String(formData.get("callbackUrl") ?? ""),
  });
  if (!parsed.success) return { fieldErrors: zodFieldErrors(parsed.error), email };

  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(parsed.data.callbackUrl),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "";
      if (code.startsWith("locked:")) {
        const minutes = code.split(":")[1] ?? "10";
        return {
          email,
          message: `Too many failed sign-ins for this email. For your security, try again in ${minutes} minute${minutes === "1" ? "" : "s"}.`,
        };
      }
      return { email, message: "That email and password don't match an account. Check both and try again." };
    }
    throw error; // the redirect after a successful sign-in
  }
}
