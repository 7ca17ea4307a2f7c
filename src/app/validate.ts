import type { z } from 'zod';
import { InvalidInputError } from './errors.js';

/** Validates input that did not come through an HTTP schema (CLI, demo seed, pages) with the same Zod schema. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(
    result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(input)',
      message: issue.message,
    })),
  );
}
