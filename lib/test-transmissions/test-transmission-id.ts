/** A test transmission's or a bulk request's id: a UUID, checked before any lookup. */
export const TEST_TRANSMISSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
