import type { FastifyReply, FastifyRequest } from "fastify";

/** The dashboard and the API docs load only their own files; nothing may frame them. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Swagger UI sets inline styles; only its page gets them. */
const DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/**
 * Security headers on every response. No Access-Control-* header is ever
 * sent: browsers refuse cross-origin reads (CORS closed), and tokens travel
 * in a header, not a cookie, so there is nothing for another site to ride on.
 */
export function securityHeaders(tls: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const docs = request.url.startsWith("/docs");
    if (!reply.hasHeader("content-security-policy"))
      reply.header("content-security-policy", docs ? DOCS_CSP : CSP);
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "no-referrer");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("cross-origin-resource-policy", "same-origin");
    reply.header("permissions-policy", "camera=(), microphone=(), geolocation=()");
    if (tls) reply.header("strict-transport-security", "max-age=31536000");
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  };
}
