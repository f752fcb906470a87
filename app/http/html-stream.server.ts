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
  #held: Buffer[] = [];
  #heldBytes = 0;

  /**
   * React writes a document in 2 KB pieces; each piece passed on costs a trip through the web
   * stream, the compression and a socket write, so a 200 kB page paid for ~100 of them. The
   * pieces are gathered and passed on in `gather`-byte pieces (and the rest at the end): the
   * browser gets the same bytes in fewer, larger writes (ADR 0046).
   */
  constructor(private readonly gather = 64 * 1024) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    const kept = chunk.indexOf(0) === -1 ? chunk : withoutZeros(chunk);
    this.#held.push(kept);
    this.#heldBytes += kept.length;
    if (this.#heldBytes >= this.gather) this.#pass();
    callback();
  }

  override _flush(callback: TransformCallback) {
    this.#pass();
    callback();
  }

  #pass() {
    if (this.#heldBytes === 0) return;
    this.push(this.#held.length === 1 ? this.#held[0] : Buffer.concat(this.#held, this.#heldBytes));
    this.#held = [];
    this.#heldBytes = 0;
  }
}

function withoutZeros(chunk: Buffer): Buffer {
  const kept = Buffer.allocUnsafe(chunk.length);
  let length = 0;
  for (const byte of chunk) if (byte !== 0) kept[length++] = byte;
  return kept.subarray(0, length);
}
