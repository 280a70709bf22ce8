import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { generate } from "../scripts/generate-operations.mjs";

const schema = readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8");
const operations = readFileSync(new URL("../src/operations.graphql", import.meta.url), "utf8");

/** The schema with `from` replaced by `to` inside `type Notification` only (other types share field names). */
function inNotification(from, to) {
  return schema.replace(/^type Notification \{[^}]*\}/m, (block) => block.replace(from, to));
}

test("an operation that no longer fits the schema stops the generator", () => {
  const drifted = inNotification("  readAt: DateTime\n", "  readOn: DateTime\n");
  expect(drifted).not.toBe(schema);
  expect(() => generate(drifted, operations)).toThrow(/Cannot query field "readAt" on type "Notification"/);
});

test("a field whose type changes changes the generated types", () => {
  const drifted = inNotification("  actionUrl: String\n", "  actionUrl: Int\n");
  expect(generate(drifted, operations).dts).toContain("actionUrl: number | null;");
  expect(generate(schema, operations).dts).toContain("actionUrl: string | null;");
});
