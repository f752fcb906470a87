import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18.3's streaming renderer (react-dom/server.node, `writeStringChunk`) encodes text into
 * 2 KB views; when a multi-byte character (å, ä, ö) does not fit in what is left of a view, it
 * flushes the *whole* view, including the one or two bytes it never wrote, which are 0x00
 * (facebook/react #24985, #31134). The character itself is written whole at the start of the
 * next view, so those zero bytes are padding and nothing else: dropping every 0x00 byte gives
 * exactly the document React meant. A real NUL can never be meant here (HTML forbids it, the
 * forms refuse control characters and PostgreSQL cannot store one).
 *
 * Streaming stays, because single fetch sends the loaders' data as a stream inside the
 * document; rendering to a string instead loses that data when it is not ready in time and
 * the page never hydrates.
 */
export class DropPaddingBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    if (chunk.indexOf(0) === -1) return callback(null, chunk);
    const kept = Buffer.allocUnsafe(chunk.length);
    let length = 0;
    for (const byte of chunk) if (byte !== 0) kept[length++] = byte;
    callback(null, kept.subarray(0, length));
  }
}
