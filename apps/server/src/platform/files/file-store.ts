import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

/** Attachments on the local disk under DATA_DIR/files; written to a temp name, then renamed. */
export function createFileStore(root: string) {
  return {
    async save(stream: Readable, isTruncated: () => boolean): Promise<StoredFile | 'too_large'> {
      const now = new Date();
      const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('hex')}`;
      const path = join(root, key);
      await mkdir(dirname(path), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      const tmp = `${path}.part`;
      await pipeline(stream, createWriteStream(tmp));
      if (isTruncated()) {
        await rm(tmp, { force: true });
        return 'too_large';
      }
      await rename(tmp, path);
      return { key, size, sha256: hash.digest('hex') };
    },
    open(key: string): Readable {
      return createReadStream(join(root, key));
    },
    async remove(key: string): Promise<void> {
      await rm(join(root, key), { force: true });
    },
  };
}
export type FileStore = ReturnType<typeof createFileStore>;
