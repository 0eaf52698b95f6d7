/**
 * A sign-in's `callbackUrl` as a path on this console, or "/": never another origin. Parsed the
 * way a browser would (which drops tabs and newlines and reads `/\` as `//`), so "/\t/evil.example"
 * or "/%09/evil.example" cannot become a protocol-relative redirect.
 */
const BASE = "http://switchyard.invalid";

export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//") || path.startsWith("/signin") || path.startsWith("/api/")) return "/";
  // Encoded the same tricks ("/%09/evil.example", "/%5Cevil.example") are refused too: no console path needs them.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return "/";
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || decoded.startsWith("//")) return "/";
  return path;
}
