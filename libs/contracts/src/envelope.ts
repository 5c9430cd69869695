import { z } from 'zod';

import { ROLES, type Role } from './vocabulary/roles';

export { ROLES, type Role };

export const actorSchema = z.object({
  userId: z.string().min(1),
  /** The unit the actor acted for; null for the public and the system. */
  unitId: z.string().min(1).nullable(),
  role: z.enum(ROLES),
  /**
   * The display name the identity provider gave the official (its `name` claim, AUTH_NAME_CLAIMS), so
   * that an auditor can trace a decision to a person in the district's directory; `userId` is the
   * provider's subject. Absent for the public, the system and tokens that carry no name.
   */
  name: z.string().min(1).max(100).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The event envelope (ARCHITECTURE.md "Events"). `globalPosition` is assigned by the store and is
 * not part of the hashed content: it is where the event sits, not what it says.
 */
export const envelopeSchema = z.object({
  eventId: z.string().uuid(),
  type: z.string().regex(/^[a-z-]+\.[A-Za-z]+$/),
  schemaVersion: z.number().int().positive(),
  streamId: z.string().min(1),
  streamRevision: z.number().int().nonnegative(),
  globalPosition: z.number().int().positive().optional(),
  recordedAt: z.string().datetime({ offset: true }),
  occurredAt: z.string().datetime({ offset: true }),
  actor: actorSchema,
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  data: z.record(z.string(), z.unknown()),
  prevHash: sha256Hex,
  hash: sha256Hex,
});

export interface EventEnvelope<TData = Record<string, unknown>, TType extends string = string> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  globalPosition?: number;
  recordedAt: string;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  data: TData;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
