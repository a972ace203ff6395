/** The viewer tests/e2e/seed-wall-fleet.ts creates, who shows the wall. */
export const WALL_VIEWER = { email: "wall-viewer@e2e.example.net", password: "wall viewer password 1" };
