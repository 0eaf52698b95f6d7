// @ts-check
/**
 * The console's security headers, one list for every response: Next.js adds them to all routes
 * (next.config.js `headers()`), the routing fast path (lib/server/runtime/app-server.ts) to its answers,
 * and the proxy (proxy.ts) adds the per-request Content-Security-Policy with its nonce to pages.
 * Plain JavaScript so next.config.js can import it; typed by security-headers.d.mts.
 */

/** Headers every response carries. */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // The console is never framed (CSP frame-ancestors says the same to browsers that read it).
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** For responses that are not pages (APIs, files): nothing may run, nothing may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A page's policy: its own scripts only, and the inline ones Next.js writes carry this request's
 * nonce ('strict-dynamic' lets those load their chunks). Styles allow inline attributes (React
 * `style`, e.g. a progress bar's width). Development adds 'unsafe-eval' for React's tooling.
 * @param {string} nonce
 * @param {boolean} dev
 */
export function pageCsp(nonce, dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Strict-Transport-Security, for responses served over TLS (directly or behind a proxy that says so). */
export const HSTS = "max-age=31536000; includeSubDomains";
