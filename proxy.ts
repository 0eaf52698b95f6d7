import { NextResponse, type NextRequest } from "next/server";
import { HSTS, pageCsp } from "@/lib/http/security-headers.mjs";

/**
 * For every page: a fresh nonce and the Content-Security-Policy that allows only scripts carrying
 * it (Next.js reads the policy from the request and puts the nonce on its own scripts); HSTS when
 * the request came over TLS; and the requested path for server components, so a signed-out visit
 * returns there after sign-in.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-switchyard-path", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const tls = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (tls) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:png|svg|ico|css|js|webmanifest|txt)$).*)"],
};
