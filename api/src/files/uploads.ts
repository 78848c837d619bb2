import {randomUUID} from 'node:crypto';
import {
  idSchema,
  limits as sharedLimits,
  servedInline,
  whereConversationMember,
  whereMessageReadable,
  whereRoomReadable,
  zql,
  type AuthContext,
} from '@chorus/schema';
import {fileTypeFromBuffer} from 'file-type';
import {z} from 'zod';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {PRESIGN_SECONDS} from './storage.ts';

export type FileLimits = {
  /** Largest file, in bytes (FILE_MAX_BYTES, default 25 MB). */
  maxBytes: number;
  /** Files on one message (default 10). */
  perMessage: number;
  /** Bytes one person may upload in 24 hours (FILE_DAILY_QUOTA_BYTES, default 1 GB). */
  dailyBytes: number;
};

export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxBytes: 25 * 1024 * 1024,
  perMessage: sharedLimits.filesPerMessageMax,
  dailyBytes: 1024 ** 3,
};

/** [FL3] Types never stored, whatever they are called: programs and scripts. */
const FORBIDDEN = new Set([
  'application/x-msdownload',
  'application/x-msi',
  'application/x-dosexec',
  'application/x-elf',
  'application/x-executable',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/vnd.microsoft.portable-executable',
  'application/x-sh',
  'application/x-bat',
  'application/java-archive',
  'application/x-apple-diskimage',
]);

const mimeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, {message: 'Give the file’s type, like image/png.'})
  .max(100);

export const uploadRequestBodySchema = z
  .strictObject({
    fileName: z
      .string()
      .trim()
      .min(1, {message: 'Give the file a name.'})
      .max(255, {message: 'Use a file name of at most 255 characters.'})
      .refine(n => ![...n].some(ch => ch.charCodeAt(0) < 0x20 || ch === '/' || ch === '\\'), {
        message: 'A file name cannot contain / \\ or control characters.',
      }),
    fileSize: z.number().int().min(1, {message: 'The file is empty.'}),
    mimeType: mimeSchema,
    roomId: z.optional(idSchema),
    conversationId: z.optional(idSchema),
  })
  .refine(b => (b.roomId === undefined) !== (b.conversationId === undefined), {
    message: 'Give either roomId or conversationId.',
    path: ['roomId'],
  });
export type UploadRequestBody = z.infer<typeof uploadRequestBodySchema>;

export const uploadCompleteBodySchema = z.strictObject({uploadId: idSchema, messageId: idSchema});
export type UploadCompleteBody = z.infer<typeof uploadCompleteBodySchema>;

export type FileRow = {
  id: string;
  message_id: string | null;
  uploader_id: string | null;
  file_name: string;
  file_size: string;
  mime_type: string;
  s3_key: string;
  thumbnail_s3_key: string | null;
  status: string;
  scan_finding: string | null;
  room_id: string | null;
  conversation_id: string | null;
  created_at: Date;
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * [FL1]–[FL4] Uploads and downloads, whoever asks: people at `/api/v1/files`
 * and agents at `/api/agent/v1/files` go through these same checks, limits
 * and quota; the doors only authenticate the caller and shape the answer.
 */
export function fileUploads(deps: Deps) {
  const limits = () => deps.fileLimits ?? DEFAULT_FILE_LIMITS;

  function storage() {
    if (!deps.storage) throw new ProblemError(503, 'Service Unavailable', 'File storage is not set up here.');
    return deps.storage;
  }

  async function fileRow(id: string): Promise<FileRow | undefined> {
    const {rows} = await deps.pool.query<FileRow>('SELECT * FROM public.files WHERE id = $1', [id]);
    return rows[0];
  }

  /** [FL1] A presigned PUT, bound to the declared type and length, for 5 minutes. */
  async function request(uploader: AuthContext, body: UploadRequestBody) {
    const {userID, emailVerified} = uploader;
    if (!emailVerified)
      throw new ProblemError(403, 'Forbidden', 'Verify your email address before sharing files.');
    if (body.fileSize > limits().maxBytes) {
      throw new ProblemError(
        413,
        'Payload Too Large',
        `Files can be at most ${megabytes(limits().maxBytes)}.`,
        {
          field: 'fileSize',
        },
      );
    }
    if (FORBIDDEN.has(body.mimeType)) {
      throw new ProblemError(415, 'Unsupported Media Type', 'Programs and scripts cannot be shared.', {
        field: 'mimeType',
      });
    }
    // [FL2] Only where the uploader may write: a room they read, or a conversation of theirs.
    const place = body.roomId
      ? await deps.zqlDb.run(whereRoomReadable(zql.rooms.where('id', body.roomId), userID).one())
      : await deps.zqlDb.run(
          whereConversationMember(zql.directConversations.where('id', body.conversationId!), userID).one(),
        );
    if (!place)
      throw new ProblemError(404, 'Not Found', 'That place does not exist or you cannot write there.');
    const {rows} = await deps.pool.query<{used: string}>(
      `SELECT coalesce(sum(file_size), 0)::bigint AS used FROM public.files
        WHERE uploader_id = $1 AND status <> 'rejected' AND created_at > now() - interval '1 day'`,
      [userID],
    );
    if (Number(rows[0]!.used) + body.fileSize > limits().dailyBytes) {
      throw new ProblemError(
        429,
        'Too Many Requests',
        `You have shared ${megabytes(Number(rows[0]!.used))} today, near the daily ${megabytes(limits().dailyBytes)}. Try again tomorrow.`,
        {headers: {'Retry-After': '3600'}},
      );
    }
    const id = randomUUID();
    const key = `files/${id}`;
    await deps.pool.query(
      `INSERT INTO public.files (id, uploader_id, file_name, file_size, mime_type, s3_key, status, room_id, conversation_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)`,
      [
        id,
        userID,
        body.fileName,
        body.fileSize,
        body.mimeType,
        key,
        body.roomId ?? null,
        body.conversationId ?? null,
      ],
    );
    const url = await storage().presignPut(key, body.mimeType, body.fileSize);
    return {
      uploadId: id,
      url,
      method: 'PUT',
      headers: {'content-type': body.mimeType},
      expiresAt: new Date(Date.now() + PRESIGN_SECONDS * 1000).toISOString(),
    };
  }

  /** [FL3] The object is checked for real, then attached to the uploader's message. */
  async function complete(userID: string, {uploadId, messageId}: UploadCompleteBody): Promise<FileRow> {
    const file = await fileRow(uploadId);
    if (!file || file.uploader_id !== userID) {
      throw new ProblemError(404, 'Not Found', 'There is no upload of yours with that id.', {
        field: 'uploadId',
      });
    }
    if (file.message_id === messageId && (file.status === 'ready' || file.status === 'scanning')) {
      // Again: the scan may not have been queued if the first answer was lost to an error.
      if (file.status === 'scanning') await deps.scanFile?.(file.id);
      return file;
    }
    if (file.status !== 'pending') {
      throw new ProblemError(409, 'Conflict', 'This upload is already attached or was refused.', {
        field: 'uploadId',
      });
    }
    const message = await deps.zqlDb.run(zql.messages.where('id', messageId).one());
    const samePlace =
      message &&
      (file.room_id ? message.roomID === file.room_id : message.conversationID === file.conversation_id);
    if (!message || message.userID !== userID || message.deletedAt || !samePlace) {
      throw new ProblemError(404, 'Not Found', 'Attach files to a message of yours in the same place.', {
        field: 'messageId',
      });
    }
    const store = storage();
    const size = await store.size(file.s3_key);
    if (size === undefined) {
      throw new ProblemError(
        409,
        'Conflict',
        'The file has not arrived in storage yet. Upload it, then try again.',
        {
          field: 'uploadId',
        },
      );
    }
    const refuse = async (status: 413 | 415, title: string, detail: string) => {
      await store.delete(file.s3_key).catch(() => {});
      await deps.pool.query(`UPDATE public.files SET status = 'rejected' WHERE id = $1`, [file.id]);
      throw new ProblemError(status, title, detail, {field: 'uploadId'});
    };
    // [FL3] The real size: the local store does not enforce the signed length (and neither should we trust it).
    if (size !== Number(file.file_size) || size > limits().maxBytes) {
      await refuse(
        413,
        'Payload Too Large',
        size > limits().maxBytes
          ? `Files can be at most ${megabytes(limits().maxBytes)}.`
          : 'The file that arrived is not the size that was announced. Upload it again.',
      );
    }
    const sniffed = await fileTypeFromBuffer(await store.head(file.s3_key));
    const declared = file.mime_type;
    const family = (mime: string) => mime.split('/')[0];
    if (sniffed && FORBIDDEN.has(sniffed.mime)) {
      await refuse(
        415,
        'Unsupported Media Type',
        'Programs and scripts cannot be shared, whatever their name.',
      );
    }
    if (/^(image|video|audio)\//.test(declared) && (!sniffed || family(sniffed.mime) !== family(declared))) {
      await refuse(415, 'Unsupported Media Type', `This file is not the ${family(declared)} it says it is.`);
    }
    const mime = sniffed?.mime ?? declared;
    const {rows: attached} = await deps.pool.query<{n: number}>(
      `SELECT count(*)::int AS n FROM public.files WHERE message_id = $1 AND status IN ('scanning', 'ready')`,
      [messageId],
    );
    if (attached[0]!.n >= limits().perMessage) {
      throw new ProblemError(409, 'Conflict', `A message can carry at most ${limits().perMessage} files.`, {
        field: 'messageId',
      });
    }
    // [FL7] With a scanner, nobody downloads it until the scanner calls it clean.
    const {rows: done} = await deps.pool.query<FileRow>(
      `UPDATE public.files SET status = $4, message_id = $2, mime_type = $3, completed_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING *`,
      [file.id, messageId, mime, deps.scanFile ? 'scanning' : 'ready'],
    );
    if (!done[0]) throw new ProblemError(409, 'Conflict', 'This upload was completed meanwhile.');
    await (deps.scanFile ?? deps.onFileReady)?.(done[0].id);
    return done[0];
  }

  /**
   * [FL4] A short-lived download URL, only for someone who may read the
   * file's message; the same 404 as a missing file for anyone else.
   */
  async function downloadURL(readerID: string, id: string, thumbnail: boolean): Promise<string> {
    const file = await fileRow(id);
    const readable =
      file?.message_id &&
      ['scanning', 'ready', 'infected'].includes(file.status) &&
      (await deps.zqlDb.run(whereMessageReadable(zql.messages.where('id', file.message_id), readerID).one()));
    if (!file || !readable)
      throw new ProblemError(404, 'Not Found', 'That file does not exist or you cannot read it.');
    // [FL7] Those who may read the message are told why (they see the file's status synced anyway).
    if (file.status === 'scanning') {
      throw new ProblemError(
        409,
        'Conflict',
        'This file is still being checked for viruses. Try again in a few seconds.',
        {headers: {'Retry-After': '5'}},
      );
    }
    if (file.status === 'infected') {
      throw new ProblemError(
        404,
        'Not Found',
        `A virus scanner found ${file.scan_finding ?? 'malware'} in this file, so it was deleted. ${
          file.uploader_id === readerID
            ? 'Nobody can download it; check the computer it came from.'
            : 'Ask whoever shared it to check their computer.'
        }`,
      );
    }
    const inline = servedInline(file.mime_type);
    return storage().presignGet(
      thumbnail && file.thumbnail_s3_key ? file.thumbnail_s3_key : file.s3_key,
      file.file_name,
      inline ? file.mime_type : 'application/octet-stream',
      inline,
    );
  }

  return {request, complete, downloadURL};
}

/** A file as the API answers it; `filesPath` is the door's own (`/api/v1/files`, `/api/agent/v1/files`). */
export function fileJSON(f: FileRow, filesPath: string) {
  return {
    id: f.id,
    messageId: f.message_id,
    fileName: f.file_name,
    fileSize: Number(f.file_size),
    mimeType: f.mime_type,
    status: f.status,
    thumbnail: f.thumbnail_s3_key !== null,
    downloadUrl: `${filesPath}/${f.id}/download`,
  };
}
