import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json — public, like any API reference. */
export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}
