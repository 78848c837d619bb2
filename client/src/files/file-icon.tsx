import {FilesIcon, type FilesIconName} from './files-icon.tsx';
import {iconOf, type FileIcon as Kind} from './upload-rules.ts';

const ICONS: Record<Kind, FilesIconName> = {
  image: 'image',
  video: 'film',
  audio: 'music',
  archive: 'archive',
  text: 'fileText',
  file: 'file',
};

/** A file's type as an icon (decorative: the name beside it says what it is). */
export function FileIcon({
  mimeType,
  fileName,
  size = 20,
}: {
  mimeType: string;
  fileName: string;
  size?: number;
}) {
  return <FilesIcon name={ICONS[iconOf(mimeType, fileName)]} size={size} />;
}
