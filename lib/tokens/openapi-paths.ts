import { errorResponses, jsonContent, requestSchemaOf } from "@/lib/api/openapi-schemas";
import { TOKEN_ROLES } from "@/lib/auth/roles";
import { newTokenSchema } from "./create-api-token";

// The token part of the REST contract (lib/api/openapi.ts spreads it into its paths).

const time = { type: ["string", "null"], format: "date-time" };

const token = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: "string" },
    role: { enum: TOKEN_ROLES },
    prefix: { type: "string", description: "the token's first characters, to tell tokens apart" },
    scope: { type: ["object", "null"] },
    createdAt: { type: "string", format: "date-time" },
    lastUsedAt: time,
    revokedAt: time,
  },
};

export const tokenApiPaths = {
  "/api/v1/tokens": {
    get: {
      summary: "List API, collector and metrics tokens (admin); never the tokens themselves",
      responses: { "200": jsonContent({ type: "object", properties: { items: { type: "array", items: token } } }), ...errorResponses },
    },
    post: {
      summary: "Create a token (admin). The answer holds the token, once; Lifeline keeps only its hash",
      requestBody: { required: true, ...jsonContent(requestSchemaOf(newTokenSchema)) },
      responses: { "201": jsonContent({ ...token, properties: { ...token.properties, token: { type: "string" } } }), ...errorResponses },
    },
  },
  "/api/v1/tokens/{id}": {
    delete: {
      summary: "Revoke a token (admin), by id or name; it stops working at once",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": jsonContent({ type: "object", properties: { id: { type: "string" }, name: { type: "string" }, revokedAt: time } }), ...errorResponses },
    },
  },
};
