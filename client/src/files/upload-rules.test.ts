import {describe, expect, it} from 'vitest';
import {
  afterAttachFailure,
  contentWithFiles,
  displayOf,
  iconOf,
  imageSize,
  MAX_ATTACH_ATTEMPTS,
  nextStep,
  percentOf,
} from './upload-rules.ts';

const NOT_SENT = 'not sent';

describe('what a file shows as', () => {
  it('[FL4] images the browser may show, audio and video inline; the rest downloads', () => {
    expect(displayOf({mimeType: 'image/png'})).toBe('image');
    expect(displayOf({mimeType: 'video/mp4'})).toBe('video');
    expect(displayOf({mimeType: 'audio/mpeg'})).toBe('audio');
    expect(displayOf({mimeType: 'image/svg+xml'})).toBe('file');
    expect(displayOf({mimeType: 'video/quicktime'})).toBe('file');
    expect(displayOf({mimeType: 'application/pdf'})).toBe('file');
  });

  it('[FL5] an image type not shown inline is drawn from its thumbnail once it has one', () => {
    expect(displayOf({mimeType: 'image/tiff'})).toBe('file');
    expect(displayOf({mimeType: 'image/tiff', thumbnailS3Key: 'thumbs/x.webp'})).toBe('image');
  });

  it('picks an icon by type, then by name', () => {
    expect(iconOf('application/zip', 'a.zip')).toBe('archive');
    expect(iconOf('application/octet-stream', 'backup.tar.gz')).toBe('archive');
    expect(iconOf('application/pdf', 'a.pdf')).toBe('text');
    expect(iconOf('audio/ogg', 'a.ogg')).toBe('audio');
    expect(iconOf('application/octet-stream', 'blob')).toBe('file');
  });
});

describe('[FL5] the space an image takes', () => {
  it('fits the known size in the box, never enlarging it', () => {
    expect(imageSize({width: 480, height: 360})).toEqual({width: 320, height: 240});
    expect(imageSize({width: 270, height: 480})).toEqual({width: 135, height: 240});
    expect(imageSize({width: 100, height: 50})).toEqual({width: 100, height: 50});
    expect(imageSize({width: 4000, height: 10})).toEqual({width: 320, height: 1});
  });

  it('reserves the whole box while no size is known', () => {
    expect(imageSize({})).toEqual({width: 320, height: 240});
    expect(imageSize({width: 0, height: 10})).toEqual({width: 320, height: 240});
    expect(imageSize({width: null, height: null})).toEqual({width: 320, height: 240});
  });
});

describe('[MS2] a message of files alone', () => {
  it('says what was typed, or else the files’ names', () => {
    expect(contentWithFiles('  look  ', ['a.png'])).toBe('look');
    expect(contentWithFiles('', ['a.png', 'b.pdf'])).toBe('a.png, b.pdf');
  });
});

describe('[FL3] what a sent upload does next', () => {
  const confirmed = {online: true, send: 'confirmed'} as const;

  it('waits offline, sends bytes not in storage yet, and attaches only once the message is confirmed', () => {
    expect(nextStep({phase: 'waiting'}, {...confirmed, online: false})).toBe('wait');
    expect(nextStep({phase: 'waiting'}, {online: true, send: 'pending'})).toBe('transfer');
    expect(nextStep({phase: 'stored', uploadID: 'u'}, {online: true, send: 'pending'})).toBe('wait');
    expect(nextStep({phase: 'stored', uploadID: 'u'}, {online: true, send: 'failed'})).toBe('wait');
    expect(nextStep({phase: 'stored', uploadID: 'u'}, confirmed)).toBe('attach');
    expect(nextStep({phase: 'stored'}, confirmed)).toBe('transfer');
  });

  it('leaves alone what is moving, done or failed', () => {
    for (const phase of ['uploading', 'attaching', 'done', 'failed'] as const) {
      expect(nextStep({phase, uploadID: 'u'}, confirmed)).toBe('wait');
    }
  });
});

describe('[FL3] after a failed attach', () => {
  it('retries the network and the server’s trouble with growing, capped delays', () => {
    expect(afterAttachFailure({status: 0, message: ''}, 1, NOT_SENT)).toEqual({then: 'retry', delayMs: 1000});
    expect(afterAttachFailure({status: 503, message: ''}, 3, NOT_SENT)).toEqual({
      then: 'retry',
      delayMs: 4000,
    });
    expect(afterAttachFailure({status: 429, message: ''}, 20, NOT_SENT)).toEqual({
      then: 'retry',
      delayMs: 30_000,
    });
  });

  it('waits for a message the server does not have yet, then says it was not sent', () => {
    const missing = {status: 404, field: 'messageId', message: 'Attach files to a message of yours'};
    expect(afterAttachFailure(missing, 1, NOT_SENT).then).toBe('retry');
    expect(afterAttachFailure(missing, MAX_ATTACH_ATTEMPTS, NOT_SENT)).toEqual({
      then: 'fail',
      message: NOT_SENT,
    });
  });

  it('uploads again what storage no longer has (expired, cleaned up), a few times', () => {
    const gone = {status: 409, field: 'uploadId', message: 'The file has not arrived'};
    expect(afterAttachFailure(gone, 1, NOT_SENT)).toEqual({then: 'upload-again'});
    expect(afterAttachFailure({...gone, status: 404}, 2, NOT_SENT)).toEqual({then: 'upload-again'});
    expect(afterAttachFailure(gone, MAX_ATTACH_ATTEMPTS, NOT_SENT).then).toBe('fail');
  });

  it('stops at a refusal, in the server’s words', () => {
    const refused = {status: 415, field: 'uploadId', message: 'This file is not the image it says it is.'};
    expect(afterAttachFailure(refused, 1, NOT_SENT)).toEqual({then: 'fail', message: refused.message});
    const full = {status: 409, field: 'messageId', message: 'A message can carry at most 10 files.'};
    expect(afterAttachFailure(full, 1, NOT_SENT)).toEqual({then: 'fail', message: full.message});
  });
});

it('turns bytes sent into a whole percent within 0–100', () => {
  expect(percentOf(0, 0)).toBe(0);
  expect(percentOf(512, 1024)).toBe(50);
  expect(percentOf(2048, 1024)).toBe(100);
});
