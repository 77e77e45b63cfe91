import { improvementActionStatusSchema, kpiKeySchema } from '@guichet/contracts';

export const actionStatuses = improvementActionStatusSchema.options;
export const kpiKeys = kpiKeySchema.options;
