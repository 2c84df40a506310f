// Validates JSON instances against schemas with ajv (Draft 2020-12) and ajv-formats, as a consumer
// of the published schemas would. Reads {"schemas": {name: path}, "instances": [{"id", "schema",
// "data"}]} on stdin; writes [{"id", "valid", "errors"}] on stdout. A schema that ajv cannot compile
// (strict mode) is a failure of the schema, so it ends the run with exit 2.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const request = JSON.parse(readFileSync(0, "utf8"));
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const compiled = {};
for (const [name, path] of Object.entries(request.schemas)) {
  try {
    compiled[name] = ajv.compile(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    process.stderr.write(`${path}: ${error.message}\n`);
    process.exit(2);
  }
}
const results = request.instances.map(({ id, schema, data }) => {
  const validate = compiled[schema];
  const valid = validate(data);
  return { id, valid, errors: valid ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`) };
});
process.stdout.write(JSON.stringify(results));
