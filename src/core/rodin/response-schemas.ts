// Zod schemas for Rodin API bodies: strict on what we use, tolerant of extra fields the service may add.
import { z } from 'zod';
import { stripControlCharacters } from '../text/plain-text';

/** A string the service chose that we may show (status, uuid, file name, message): control characters removed. */
const serviceText = z.string().transform(stripControlCharacters);

/** The error envelope any body may carry; `error` null, empty or "OK" means success. */
export const errorEnvelopeSchema = z.looseObject({
  error: z.unknown().optional(),
  message: z.unknown().optional(),
});

const jobSchema = z.looseObject({
  uuid: serviceText,
  status: serviceText,
  queue_length: z.number().nullish(),
});

export const statusResponseSchema = z.looseObject({
  jobs: z.array(jobSchema),
});

export const downloadResponseSchema = z.looseObject({
  list: z.array(z.looseObject({ url: z.string().min(1), name: serviceText })),
});

// Balance is documented as a number but may be fractional; a numeric string is accepted defensively.
export const balanceResponseSchema = z.looseObject({
  balance: z.union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ]),
});

export const generationResponseSchema = z.looseObject({
  uuid: serviceText.pipe(z.string().min(1)),
  jobs: z.looseObject({
    uuids: z.array(serviceText),
    subscription_key: z.string().min(1),
  }),
  message: serviceText.nullish(),
});

export type StatusResponse = z.infer<typeof statusResponseSchema>;
export type DownloadResponse = z.infer<typeof downloadResponseSchema>;
export type BalanceResponse = z.infer<typeof balanceResponseSchema>;
export type GenerationResponse = z.infer<typeof generationResponseSchema>;

/** Where a body failed validation, without echoing any of its values. */
export function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.code}`)
    .join('; ');
}
