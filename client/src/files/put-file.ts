/** Why a PUT to storage did not land: no network (`status` 0), or storage's answer. */
export class PutError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * [FL1] PUTs the bytes straight to storage at a presigned URL, reporting
 * progress. XHR, not fetch: fetch reports no upload progress. Rejects with a
 * PutError, or an AbortError when `signal` aborts.
 */
export function putFile(
  url: string,
  body: Blob,
  headers: Readonly<Record<string, string>>,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = e => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size);
        resolve();
      } else reject(new PutError(xhr.status, xhr.statusText));
    };
    xhr.onerror = () => reject(new PutError(0, 'network'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), {once: true});
    xhr.send(body);
  });
}
