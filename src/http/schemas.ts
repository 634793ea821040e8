import { z } from 'zod';

export const ErrorBodySchema = z
  .object({
    statusCode: z.number(),
    code: z.string().describe('stable error code from the catalogue'),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
