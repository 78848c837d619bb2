/**
 * [FL4] Media a browser may show inline: the download serves these with
 * their own type, the client plays or shows them in the message. Everything
 * else downloads as `application/octet-stream` (an HTML or SVG file never
 * runs as our page, and the client offers it as a download).
 */
const INLINE_MEDIA =
  /^(image\/(png|jpeg|gif|webp|avif)|video\/(mp4|webm)|audio\/(mpeg|ogg|wav|webm|mp4|aac|flac))$/;

/** Whether a file of this (sniffed) type is shown inline rather than downloaded (FL4). */
export const servedInline = (mimeType: string): boolean => INLINE_MEDIA.test(mimeType);
