import { readFileSync } from "node:fs";
import path from "node:path";
import { getDMMF } from "@prisma/get-dmmf";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Proves that prisma/schema.prisma and the database built by the SQL migrations agree: every
 * model and field, its type, nullability, lists, defaults that live in the database, primary
 * keys, unique constraints and foreign keys with their referential actions.
 */

const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
const dmmf = getDMMF({ datamodel: schema });
if ("error" in dmmf) throw new Error(String(dmmf.error));
const { models, enums } = dmmf.datamodel;

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => client.connect());
afterAll(() => client.end());

interface Column {
  table_name: string;
  column_name: string;
  is_nullable: "YES" | "NO";
  data_type: string;
  udt_name: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
  column_default: string | null;
}

async function columns(): Promise<Column[]> {
  const { rows } = await client.query<Column>(
    `SELECT table_name, column_name, is_nullable, data_type, udt_name, numeric_precision, numeric_scale,
            datetime_precision, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  return rows;
}

/** The database type a Prisma field should have, in information_schema terms. */
function expectedType(field: (typeof models)[number]["fields"][number]): string {
  const native = field.nativeType?.[0];
  const args = field.nativeType?.[1] ?? [];
  if (field.kind === "enum") return `enum:${field.type}`;
  switch (field.type) {
    case "String":
      return native === "Uuid" ? "uuid" : "text";
    case "Int":
      return "int4";
    case "Boolean":
      return "bool";
    case "Decimal":
      return `numeric(${args.join(",") || "65,30"})`;
    case "DateTime":
      if (native === "Date") return "date";
      if (native === "Timestamptz") return `timestamptz(${args[0] ?? 3})`;
      return "timestamp(3)";
    case "Json":
      // Prisma maps Json to jsonb on PostgreSQL unless told @db.Json.
      return native === "Json" ? "json" : "jsonb";
    default:
      return field.type;
  }
}

function actualType(c: Column): string {
  const udt = c.udt_name.replace(/^_/, "");
  if (c.data_type === "USER-DEFINED" || (c.data_type === "ARRAY" && !["text", "int4", "uuid"].includes(udt))) return `enum:${udt}`;
  if (udt === "numeric") return `numeric(${c.numeric_precision},${c.numeric_scale})`;
  if (udt === "timestamptz" || udt === "timestamp") return `${udt}(${c.datetime_precision})`;
  return udt;
}

describe("schema.prisma and the migrated database", () => {
  it("have the same tables", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map((m) => m.dbName ?? m.name).sort());
  });

  it("have the same enums and values", async () => {
    const { rows } = await client.query<{ typname: string; values: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.values]));
    expect(actual).toEqual(Object.fromEntries(enums.map((e) => [e.name, e.values.map((v) => v.name)])));
  });

  it("have the same columns with the same type, nullability, list-ness and database defaults", async () => {
    const cols = await columns();
    const actual = cols
      .map((c) => ({
        column: `${c.table_name}.${c.column_name}`,
        type: actualType(c),
        list: c.data_type === "ARRAY",
        nullable: c.is_nullable === "YES",
        dbDefault: c.column_default !== null,
      }))
      .sort((a, b) => a.column.localeCompare(b.column));
    const expected = models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind !== "object")
          .map((f) => {
            const dbDefault =
              f.hasDefaultValue &&
              !(typeof f.default === "object" && f.default !== null && "name" in f.default && f.default.name === "uuid");
            return {
              column: `${m.dbName ?? m.name}.${f.dbName ?? f.name}`,
              type: expectedType(f),
              list: f.isList,
              // Prisma creates list columns nullable in PostgreSQL.
              nullable: f.isList ? true : !f.isRequired,
              dbDefault,
            };
          }),
      )
      .sort((a, b) => a.column.localeCompare(b.column));
    expect(actual).toEqual(expected);
  });

  it("have the same primary keys and unique constraints", async () => {
    const { rows } = await client.query<{ table: string; unique: boolean; primary: boolean; columns: string[] }>(
      `SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
              array_agg(a.attname ORDER BY k.ord)::text[] AS columns
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE i.indisunique AND t.relname <> '_prisma_migrations'
        GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    const actual = rows.map((r) => `${r.table}:${r.primary ? "pk" : "unique"}(${r.columns.join(",")})`).sort();
    const expected = models
      .flatMap((m) => {
        const table = m.dbName ?? m.name;
        const pk = m.primaryKey
          ? [`${table}:pk(${m.primaryKey.fields.join(",")})`]
          : m.fields.filter((f) => f.isId).map((f) => `${table}:pk(${f.name})`);
        const single = m.fields.filter((f) => f.isUnique).map((f) => `${table}:unique(${f.name})`);
        const compound = m.uniqueFields.map((fields) => `${table}:unique(${fields.join(",")})`);
        return [...pk, ...single, ...compound];
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("have the same foreign keys with the same referential actions", async () => {
    const { rows } = await client.query<{ table: string; columns: string[]; ref: string; refcolumns: string[]; del: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS ref, c.confdeltype AS del,
              (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
              (SELECT array_agg(a.attname ORDER BY k.ord)::text[] FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refcolumns
         FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const deleteAction: Record<string, string> = { c: "Cascade", r: "Restrict", n: "SetNull", a: "NoAction", d: "SetDefault" };
    const unquote = (s: string) => s.replaceAll('"', "");
    const actual = rows
      .map((r) => `${unquote(r.table)}(${r.columns.join(",")})->${unquote(r.ref)}(${r.refcolumns.join(",")}) on delete ${deleteAction[r.del]}`)
      .sort();
    const expected = models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
          .map((f) => {
            const onDelete = f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull");
            return `${m.dbName ?? m.name}(${f.relationFromFields!.join(",")})->${f.type}(${f.relationToFields!.join(",")}) on delete ${onDelete}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
