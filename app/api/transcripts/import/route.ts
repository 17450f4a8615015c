// POST /api/transcripts/import: read a HOME-like root's agent transcripts once (docs/api.md).
import { importTranscriptsHandler } from "@/lib/transcripts/route";

export const dynamic = "force-dynamic";

export const POST = importTranscriptsHandler;
