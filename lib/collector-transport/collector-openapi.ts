import { errorResponse, jsonContent, requestSchemaOf } from "@/lib/api/openapi-schemas";
import { collectorResultSchema } from "@/lib/test-transmissions/record-collector-result";
import { heartbeatSchema, MAX_BATCH } from "@/lib/heartbeats/heartbeat-schema";

// The collector routes' part of the OpenAPI document (lib/api/openapi.ts spreads it into `paths`).

const itemError = {
  type: "object",
  properties: { index: { type: "integer" }, field: { type: "string" }, error: { type: "string" } },
};
const command = {
  type: "object",
  properties: {
    type: { const: "test-transmission" },
    id: { type: "string", format: "uuid" },
    applianceId: { type: "string", format: "uuid" },
    requestedAt: { type: "string", format: "date-time" },
    resultUrl: { type: "string" },
    deadline: { type: "string", format: "date-time" },
  },
};
export const collectorApiPaths = {
  "/api/v1/heartbeats": {
    post: {
      summary: `Report heartbeats (collector token): one, or {heartbeats: [...]} with up to ${MAX_BATCH}`,
      description:
        "Idempotent per (applianceId, observedAt); an older heartbeat never overwrites newer state. A bad item is " +
        "listed in `rejected` and never costs the good ones. Send `x-lifeline-alert-patterns: <version>` (empty for none) " +
        "to receive Lifeline's alert patterns when yours differ.",
      parameters: [{ name: "x-lifeline-alert-patterns", in: "header", required: false, schema: { type: "string" } }],
      requestBody: {
        required: true,
        ...jsonContent({
          oneOf: [
            requestSchemaOf(heartbeatSchema),
            { type: "object", properties: { heartbeats: { type: "array", maxItems: MAX_BATCH, items: requestSchemaOf(heartbeatSchema) } }, required: ["heartbeats"] },
          ],
        }),
      },
      responses: {
        "200": jsonContent({
          type: "object",
          properties: {
            accepted: { type: "integer" },
            duplicates: { type: "integer" },
            rejected: { type: "array", items: itemError },
            commands: { type: "array", items: command },
            alertPatterns: { type: "object" },
          },
        }),
        "400": errorResponse("The body is not JSON."),
        "401": errorResponse("No valid token."),
        "403": errorResponse("Not a collector token, or an item names an appliance outside its scope; nothing was stored.", {
          rejected: { type: "array", items: itemError },
        }),
        "413": errorResponse("The body is larger than 1 MiB."),
        "415": errorResponse("The body is not application/json."),
        "422": errorResponse("Nothing in the body could be taken; `rejected` names each item.", {
          rejected: { type: "array", items: itemError },
        }),
        "503": errorResponse("The heartbeats could not be stored; send them again."),
      },
    },
  },
  "/api/v1/test-transmissions/{id}/result": {
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
    post: {
      summary: "Report the outcome of a test transmission handed to this collector (collector token)",
      requestBody: { required: true, ...jsonContent(requestSchemaOf(collectorResultSchema)) },
      responses: {
        "200": { description: "The test transmission, finished" },
        "401": errorResponse("No valid token."),
        "403": errorResponse("Not a collector token, or the appliance is outside its scope."),
        "404": errorResponse("No such test transmission."),
        "409": errorResponse("Not handed to this collector, or already finished with another outcome."),
        "422": errorResponse("A bad field."),
      },
    },
  },
};
