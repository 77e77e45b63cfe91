import { z } from 'zod';
import { languageSchema, refSchema } from './common.js';

/** observer: a municipality's representative; sees the cockpit of the granted entities, not the desk */
export const roleSchema = z.enum(['requester', 'agent', 'coordinator', 'admin', 'observer']);
export type Role = z.infer<typeof roleSchema>;

export const loginBodySchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const roleGrantSchema = z.object({
  role: roleSchema,
  entity: refSchema,
  includeDescendants: z.boolean(),
});

export const currentUserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  language: languageSchema,
  entity: refSchema,
  roles: z.array(roleGrantSchema),
  /** true when the person holds an agent, coordinator or admin role somewhere */
  isStaff: z.boolean(),
  isAdmin: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const loginResponseSchema = z.object({ user: currentUserSchema, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ user: currentUserSchema, csrfToken: z.string().nullable() });
export type MeResponse = z.infer<typeof meResponseSchema>;

export const apiTokenCreateSchema = z.object({ name: z.string().trim().min(1).max(100) });
export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string() });

export const meUpdateSchema = z.object({ language: languageSchema });
