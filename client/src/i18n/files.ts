import {catalogSection, locale} from './index.ts';

const sizes = {
  B: new Intl.NumberFormat(locale, {style: 'unit', unit: 'byte', unitDisplay: 'short'}),
  kB: new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  }),
  MB: new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'megabyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }),
};

/**
 * Files: the composer's tray, attachments on messages, the lightbox (issue 19).
 *
 * They load with the composer and with messages that carry files, not with
 * the room route (issue 7). A translation is an object of type
 * `FilesCatalog`, added to the record given to `catalogSection` below.
 */
export const filesEn = {
  attach: 'Attach files',
  tray: 'Files to send',
  remove: (name: string) => `Remove ${name}`,
  cancel: (name: string) => `Cancel upload of ${name}`,
  retry: (name: string) => `Retry ${name}`,
  /** Shown on one file in the tray or on a message, with its progress in percent. */
  uploading: (percent: number) => `Uploading… ${percent}%`,
  uploaded: 'Ready to send',
  waitingOffline: 'Waits for the network',
  waitingMessage: 'Waits for the message to be sent',
  attaching: 'Attaching…',
  progress: (name: string) => `Upload of ${name}`,
  tooMany: (max: number) => `A message can carry at most ${max} files. Send these, then attach more.`,
  emptyFile: (name: string) => `${name} is empty, so there is nothing to send.`,
  failedToSend: 'Some files could not be uploaded. Retry or remove them, then send.',
  /** When storage refused the upload with no explanation of its own. */
  storageRefused: (status: number) => `Storage refused the file (HTTP ${status}). Retry it.`,
  messageNotSent: 'The message was not sent, so the file could not be attached. Remove it or retry.',
  /** A file on a message. */
  download: (name: string) => `Download ${name}`,
  open: (name: string) => `Open ${name}`,
  image: (name: string) => `Image: ${name}`,
  loadingImage: 'Loading image…',
  notLoaded: 'Could not load this file. Check your connection.',
  /** [FL7] A file a virus scanner is still checking: nobody can open it yet. */
  scanning: 'Checking for viruses…',
  /** [FL7] A file the scanner found malware in (its name when known); it was deleted. */
  infected: (finding: string | undefined) =>
    finding
      ? `A virus scanner found ${finding} in this file, so it was deleted.`
      : 'A virus scanner found malware in this file, so it was deleted.',
  infectedMine: 'Nobody can download it. Check the computer it came from.',
  infectedTheirs: 'Ask whoever shared it to check their computer.',
  /** The lightbox. */
  lightbox: (name: string) => `Image ${name}`,
  close: 'Close',
  openOriginal: 'Open the original',
  size: (bytes: number) =>
    bytes < 1000
      ? sizes.B.format(bytes)
      : bytes < 1000 * 1000
        ? sizes.kB.format(bytes / 1000)
        : sizes.MB.format(bytes / (1000 * 1000)),
};

export type FilesCatalog = typeof filesEn;

export const filesMsg: FilesCatalog = catalogSection<FilesCatalog>({en: filesEn});
