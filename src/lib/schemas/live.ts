import { z } from 'zod';
import { backendSchema } from './result';

/**
 * What a student's device tells the class about one baseline run: enough for the
 * projector's histograms and the CSV, nothing else (no profile, no user agent).
 */
export const classSummarySchema = z.object({
	result_id: z.uuid(),
	best_backend: backendSchema.nullable(),
	best_score: z.number().int().min(0).max(100).nullable(),
	scores: z.array(z.object({ backend: backendSchema, score: z.number().int().min(0).max(100) })).max(10),
	/** Matmul GFLOP/s per backend that ran it correctly. */
	matmul_gflops: z.array(z.object({ backend: backendSchema, gflops: z.number().nonnegative().max(200_000) })).max(10),
	webgpu: z.discriminatedUnion('available', [
		z.object({ available: z.literal(true), vendor: z.string().max(80), architecture: z.string().max(80), software: z.boolean() }),
		z.object({ available: z.literal(false), reason: z.string().max(300) })
	]),
	/** Every output matched the float64 reference. */
	correct: z.boolean(),
	failures: z.array(z.string().max(300)).max(20),
	duration_ms: z.number().nonnegative().max(3_600_000)
});
export type ClassSummary = z.infer<typeof classSummarySchema>;

export const createClassSchema = z.object({ title: z.string().trim().max(80).optional() });
export const nicknameSchema = z.string().trim().min(1).max(32);
export const joinClassSchema = z.object({ nickname: nicknameSchema.optional() });
export const participantUpdateSchema = z.object({
	nickname: nicknameSchema.optional(),
	status: z.enum(['joined', 'running', 'failed']).optional()
});
export const adminActionSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('lock') }),
	z.object({ action: z.literal('unlock') }),
	z.object({ action: z.literal('start') }),
	z.object({ action: z.literal('end') }),
	z.object({ action: z.literal('remove'), participant_id: z.uuid() }),
	z.object({ action: z.literal('top_n'), n: z.number().int().min(0).max(10) })
]);
export type AdminAction = z.infer<typeof adminActionSchema>;

export const PARTICIPANT_STATUSES = ['joined', 'running', 'done', 'failed'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface ParticipantView {
	id: string;
	nickname: string;
	status: ParticipantStatus;
	summary: ClassSummary | null;
}

export interface ClassInfo {
	code: string;
	title: string | null;
	locked: boolean;
	top_n: number;
	started_at: string | null;
	ended_at: string | null;
	expires_at: string;
	participants: number;
	max_participants: number;
}

/** What flows over a class's event stream; `seq` is the SSE id, replayed after a reconnect. */
export type ClassEvent =
	| { type: 'participant'; participant: ParticipantView }
	| { type: 'removed'; id: string }
	| { type: 'class'; info: Omit<ClassInfo, 'participants'> };
export type SequencedEvent = ClassEvent & { seq: number };
