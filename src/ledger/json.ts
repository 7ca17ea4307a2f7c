/** The values an entry or payload may hold (DESIGN.md "Entry"): strings, integers, booleans, null, arrays, objects. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
