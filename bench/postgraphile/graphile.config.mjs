// PostGraphile 5 for the archive-scale benchmark: the Amber preset alone
// (PostGraphile's baseline, no extra plugins), over the views of schema.sql,
// in production mode without GraphiQL, explain or watch.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

const connectionString = process.env.BENCH_PGL_URL;
if (!connectionString) {
  throw new Error("BENCH_PGL_URL is not set");
}

/** @type {GraphileConfig.Preset} */
export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ["pgl"] })],
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.BENCH_PGL_PORT || 5678),
    graphiql: false,
    watch: false,
  },
  grafast: { explain: false },
};
